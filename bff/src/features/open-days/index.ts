import type { RouteKit } from '../../core/http';
import type { TaskHandle } from '../../core/tasks';
import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { WorkbenchToolProvider } from '../staff';
import type { OpenDaysCtx } from './context';
import { openDayModels } from './model';
import { startPlacesTask } from './offers';
import { startCalendarTask } from './reminders';
import { openDayRoutes } from './routes';
import type { AccountEraser } from '../auth';
import { eraseUserRegistrations } from './erase';
import { openDayCounts } from './staff';

export { openDayModels } from './model';
export { loadOpenDays } from './source';

export interface OpenDaysFeature {
  service: OpenDaysCtx;
  /** Offers, expiries and unfinished place operations. */
  places: TaskHandle;
  /** Day-before reminders and no-shows. */
  calendar: TaskHandle;
  routes(kit: RouteKit): void;
  /** The events officer's entry on the staff workbench. */
  workbenchTool: WorkbenchToolProvider;
  /** Its part of deleting an account (see auth's deleteAccount). */
  eraser: AccountEraser;
}

const workers = new WeakMap<AppContext, OpenDaysFeature>();
/** The feature built for an app (tests run its tasks by hand). */
export function openDayWorkers(app: AppContext): OpenDaysFeature | undefined {
  return workers.get(app);
}

/** 政府开放日: builds the service and its two tasks on the app's runner. Citizens are told through `notify`. */
export function createOpenDays(app: AppContext, deps: { notify: Notify }): OpenDaysFeature {
  let places: TaskHandle | undefined;
  // The clock is read from the app at each call, so a test can move it.
  const svc: OpenDaysCtx = { ...app, now: () => app.now(), models: openDayModels(app.mongo), notify: deps.notify, kickPlaces: () => places?.kick() };
  places = startPlacesTask(svc);
  const calendar = startCalendarTask(svc);
  const feature: OpenDaysFeature = {
    service: svc,
    places,
    calendar,
    routes: (kit) => openDayRoutes(kit, svc),
    workbenchTool: {
      id: 'open-days',
      title: '政府开放日',
      description: '各场次报名、候补与递补情况，现场扫码签到，导出报名名单',
      role: 'events',
      path: '/features/workbench/pages/open-days/index',
      counts: () => openDayCounts(svc),
    },
    eraser: { name: 'openDayRegistrationsErased', erase: (userId) => eraseUserRegistrations(svc, userId) },
  };
  workers.set(app, feature);
  return feature;
}
