export { useHome, type HomeState, type UseHome } from './hooks/useHome';
export { HomeView } from './components/HomeView';
