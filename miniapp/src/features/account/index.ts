export { useSession, type UseSession, type SessionAction } from './hooks/useSession';
export { MineView } from './components/MineView';
export { LoginCard } from './components/LoginCard';
