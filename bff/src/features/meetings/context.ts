import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { MeetingModels } from './model';

/** The meetings feature's context: the app's, its models, how it tells citizens, and its task. */
export type MeetingsCtx = AppContext & {
  models: MeetingModels;
  notify: Notify;
  /** Asks the meetings task to run soon (a draw stored, a replacement or notices due). */
  kick(): void;
};
