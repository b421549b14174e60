// What the rest of the app uses: the 政策 tab and the way into the feature's pages. The detail
// and search views are imported by the subpackage pages directly, so they stay out of the main package.
export { PolicyHomeView } from './components/PolicyHomeView';
export { usePolicyHome, type UsePolicyHome } from './hooks/usePolicyHome';
export { openInterpretation, openPolicy, openQa, openSearch, openHotline, policyPaths } from './navigation';
