import type { Outbox } from '../../core/outbox';
import type { TicketDoc } from './model';
import type { HotlineCtx } from './sync';

/** The hotline context plus its outboxes: the forwarder (to the case system) and the owners' notices. */
export type HotlineService = HotlineCtx & {
  forwarder: Outbox<TicketDoc>;
  kickForwarder(): void;
  kickNotices(): void;
};
