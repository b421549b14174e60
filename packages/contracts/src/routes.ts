import type { z } from 'zod';
import { ErrorBody } from './common';
import { authApi } from './routes/auth';
import { consultationsApi } from './routes/consultations';
import { homeApi } from './routes/home';
import { hotlineApi } from './routes/hotline';
import { interpretationsApi } from './routes/interpretations';
import { notificationsApi } from './routes/notifications';
import { policiesApi } from './routes/policies';
import { qasApi } from './routes/qas';
import { searchApi } from './routes/search';
import { staffApi } from './routes/staff';
import { systemApi } from './routes/system';
import { openDaysApi } from './routes/open-days';
import { meetingsApi } from './routes/meetings';
import { participationApi } from './routes/participation';

export { route, type RouteContract } from './route';

/**
 * The BFF's HTTP API, one contract file per feature under routes/. The BFF mounts these; the
 * mini-program calls them; the OpenAPI document is built from them.
 */
export const api = {
  ...systemApi,
  ...authApi,
  ...homeApi,
  ...policiesApi,
  ...searchApi,
  ...interpretationsApi,
  ...qasApi,
  ...hotlineApi,
  ...notificationsApi,
  ...staffApi,
  ...consultationsApi,
  ...openDaysApi,
  ...meetingsApi,
  ...participationApi,
};

export type Api = typeof api;
export type ResponseOf<K extends keyof Api> = Api[K]['response'] extends z.ZodTypeAny ? z.infer<Api[K]['response']> : void;
export { ErrorBody };
