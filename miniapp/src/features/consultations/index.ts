// The 参与 tab's entry and the ways into the consultation pages: only what the main package
// needs. Subpackage pages import their views directly, so they stay out of the main package.
export { ParticipateView } from './components/ParticipateView';
export { useConsultationList } from './hooks/useConsultations';
export { consultationPages, openConsultation, openMyComments } from './navigation';
