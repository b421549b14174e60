import type { RouteKit } from '../../core/http';
import type { TaskHandle } from '../../core/tasks';
import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { WorkbenchToolProvider } from '../staff';
import type { ConsultationsCtx } from './context';
import { consultationModels } from './model';
import { startNoticeTask } from './notices';
import { consultationRoutes } from './routes';
import { moderationCounts } from './staff';

export { consultationModels } from './model';
export { splitDraft } from './articles';

export interface ConsultationsFeature {
  service: ConsultationsCtx;
  /** Tells authors of rejected comments, and every commenter once a report is published. */
  notices: TaskHandle;
  routes(kit: RouteKit): void;
  /** The moderator's entry on the staff workbench. */
  workbenchTool: WorkbenchToolProvider;
}

const workers = new WeakMap<AppContext, ConsultationsFeature>();
/** The feature built for an app (tests run its notice task by hand). */
export function consultationWorkers(app: AppContext): ConsultationsFeature | undefined {
  return workers.get(app);
}

/** 民意征集: builds the service and its notice task on the app's runner. Commenters are told through `notify`. */
export function createConsultations(app: AppContext, deps: { notify: Notify }): ConsultationsFeature {
  // The clock is read from the app at each call, so a test can move it past a close.
  const base = { ...app, now: () => app.now(), models: consultationModels(app.mongo), notify: deps.notify };
  const notices = startNoticeTask(base);
  const svc: ConsultationsCtx = { ...base, kickNotices: () => notices.kick() };
  const feature: ConsultationsFeature = {
    service: svc,
    notices,
    routes: (kit) => consultationRoutes(kit, svc),
    workbenchTool: {
      id: 'consultations',
      title: '民意征集意见审核',
      description: '审核意见（自动预审标记）、截止后逐条处置与归并意见要点、公布采纳情况、导出意见',
      role: 'moderator',
      path: '/features/workbench/pages/consultations/index',
      counts: () => moderationCounts(svc),
    },
  };
  workers.set(app, feature);
  return feature;
}
