// The hotline's use cases, by concern. Kept while routes and tests still import from here;
// new code imports the concern's own file.
export type { HotlineService } from './context';
export { getMyTicket, linkMyPhotos, listMyTickets, newTrackingNo, rateTicket, submitTicket } from './tickets';
export { getPhoto, uploadPhoto } from './photo-upload';
export { buildStats, getHotlineStats, publishedStats, STATS_DEFINITIONS, STATS_WINDOW_MONTHS, statsWindow } from './stats';
export { CSV_COLUMNS, exportStaffCsv, getStaffTicket, listStaffTickets, requeueTicket } from './staff';
export { CASE_EVENT_MAX_BYTES, readCaseEventBody, receiveCaseEvent } from './events';
