import { openAppLink } from '@/services';

const ROOT = '/features/workbench/pages';

/** Pages of the workbench subpackage (the BFF names the tools' pages too, in `tool.path`). */
export const workbenchPages = {
  home: () => `${ROOT}/home/index`,
  hotline: (trackingNo?: string) => `${ROOT}/hotline/index${trackingNo ? `?no=${encodeURIComponent(trackingNo)}` : ''}`,
  audit: () => `${ROOT}/audit/index`,
};

/** Opens the workbench home. */
export function openWorkbench(): void {
  void openAppLink(workbenchPages.home());
}
