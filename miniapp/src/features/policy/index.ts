export { PolicyHomeView } from './components/PolicyHomeView';
export { PolicyDetailView } from './components/PolicyDetailView';
export { InterpretationView } from './components/InterpretationView';
export { QaView, FeedbackBar } from './components/QaView';
export { SearchView } from './components/SearchView';
export { usePolicyHome, type UsePolicyHome } from './hooks/usePolicyHome';
export { usePolicyList } from './hooks/usePolicyList';
export { useSearch, SEARCH_DELAY_MS } from './hooks/useSearch';
export { openInterpretation, openPolicy, openQa, openSearch, openHotline, policyPaths } from './navigation';
