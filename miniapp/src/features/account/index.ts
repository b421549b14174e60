export { useSession, type UseSession, type SessionAction } from './hooks/useSession';
export { MineView } from './components/MineView';
