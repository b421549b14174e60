import type { RouteKit } from '../../core/http';
import type { TaskHandle } from '../../core/tasks';
import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { WorkbenchToolProvider } from '../staff';
import type { MeetingsCtx } from './context';
import { meetingModels } from './model';
import { startMeetingTask } from './notices';
import { meetingRoutes } from './routes';
import type { AccountEraser } from '../auth';
import { eraseUserApplications } from './erase';
import { workbenchCounts } from './staff';

export { meetingModels } from './model';
export { loadMeetings } from './source';

export interface MeetingsFeature {
  service: MeetingsCtx;
  /** Freezes rosters, finishes stored draws and replacements, tells applicants. */
  task: TaskHandle;
  routes(kit: RouteKit): void;
  /** The events officer's entry on the staff workbench. */
  workbenchTool: WorkbenchToolProvider;
  /** Its part of deleting an account (see auth's deleteAccount). */
  eraser: AccountEraser;
}

const workers = new WeakMap<AppContext, MeetingsFeature>();
/** The feature built for an app (tests run its task by hand). */
export function meetingWorkers(app: AppContext): MeetingsFeature | undefined {
  return workers.get(app);
}

/** 列席会议: builds the service and its task on the app's runner. Applicants are told through `notify`. */
export function createMeetings(app: AppContext, deps: { notify: Notify }): MeetingsFeature {
  // The clock is read from the app at each call, so a test can move it past a close.
  const base = { ...app, now: () => app.now(), models: meetingModels(app.mongo), notify: deps.notify };
  const task = startMeetingTask(base);
  const svc: MeetingsCtx = { ...base, kick: () => task.kick() };
  const feature: MeetingsFeature = {
    service: svc,
    task,
    routes: (kit) => meetingRoutes(kit, svc),
    workbenchTool: {
      id: 'meetings',
      title: '列席会议',
      description: '审核列席申请、公布随机数来源并公开抽签、答复列席意见',
      role: 'events',
      path: '/features/workbench/pages/meetings/index',
      counts: () => workbenchCounts(svc),
    },
    eraser: { name: 'meetingApplicationsErased', erase: (userId) => eraseUserApplications(svc, userId) },
  };
  workers.set(app, feature);
  return feature;
}
