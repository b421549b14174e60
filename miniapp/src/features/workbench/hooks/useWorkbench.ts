import type { WorkbenchResponse } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getWorkbench } from '../api';

/** The workbench home: the tools the person's roles allow and their queue counts. */
export function useWorkbench(): UseRemote<WorkbenchResponse> {
  return useRemote(getWorkbench, []);
}
