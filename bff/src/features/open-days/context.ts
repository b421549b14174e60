import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { OpenDayModels } from './model';

/** The open-days feature's context: the app's, its models, how it tells citizens, and how it wakes its tasks. */
export type OpenDaysCtx = AppContext & {
  models: OpenDayModels;
  notify: Notify;
  /** Asks the places task to run soon (places were released, a party joined a waitlist, an offer is due). */
  kickPlaces(): void;
};
