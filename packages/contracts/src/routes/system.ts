import { HealthResponse, ReadinessResponse } from '../system';
import { route, type RouteContract } from '../route';

/** Liveness, readiness. */
export const systemApi = {
  healthz: route({ method: 'get', path: '/healthz', summary: '进程存活检查', auth: 'none', response: HealthResponse }),
  readyz: route({ method: 'get', path: '/readyz', summary: '依赖就绪检查', auth: 'none', response: ReadinessResponse }),
} satisfies Record<string, RouteContract>;
