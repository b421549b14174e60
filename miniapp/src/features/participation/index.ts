// 公开参与: only the way in is needed by the main package (the 参与 tab links here).
export { openParticipationStats, participationPages } from './navigation';
