export { useRemote, type RemoteState, type UseRemote } from './useRemote';
export { useInterval } from './useInterval';
export { usePagedList, type UsePagedList, type PagedState, type PageOf } from './usePagedList';
export { useDraftForm, validationIssues, issuesOf, type UseDraftForm, type DraftFormConfig, type DraftFormPhase, type FieldIssue } from './useDraftForm';
