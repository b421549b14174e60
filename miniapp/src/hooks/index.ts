export { useRemote, type RemoteState, type UseRemote } from './useRemote';
export { useInterval } from './useInterval';
export { usePagedList, type UsePagedList, type PagedState, type PageOf } from './usePagedList';
export { useDraftForm, type UseDraftForm, type FormErrors, type FormPhase } from './useDraftForm';
