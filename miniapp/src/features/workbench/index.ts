// 工作台's entry for the main package: the way there (who may open it: hasStaffRole from
// @zwgk/contracts). The workbench pages import their components directly, so they stay in the
// subpackage.
export { openWorkbench, workbenchPages } from './navigation';
