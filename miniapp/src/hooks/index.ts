export { useRemote, type RemoteState, type UseRemote } from './useRemote';
export { useInterval } from './useInterval';
export { usePagedList, type UsePagedList, type PagedState, type PageOf } from './usePagedList';
export { useDraftForm, useSchemaForm, validationIssues, issuesOf, errorsByField, type UseDraftForm, type UseSchemaForm, type DraftFormConfig, type DraftFormPhase, type FieldIssue, type FormErrors } from './useDraftForm';
