import type { Outbox } from '../../core/outbox';
import type { TicketDoc } from './model';
import type { HotlineCtx } from './sync';

/** The hotline context plus its outbox forwarder (to the case system). */
export type HotlineService = HotlineCtx & {
  forwarder: Outbox<TicketDoc>;
  kickForwarder(): void;
};
