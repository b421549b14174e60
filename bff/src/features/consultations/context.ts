import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { ConsultationModels } from './model';

/** The consultations feature's context: the app's, its models, how it tells citizens, and its notice task. */
export type ConsultationsCtx = AppContext & {
  models: ConsultationModels;
  notify: Notify;
  /** Asks the notice task to run soon (a rejection or a publication queued notices). */
  kickNotices(): void;
};
