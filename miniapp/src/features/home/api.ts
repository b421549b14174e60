import { api } from '@zwgk/contracts';
import { call } from '@/services';

/** The home feed: every panel in one answer, each with its own freshness. Throws ApiError. */
export const fetchHome = () => call(api.home);
