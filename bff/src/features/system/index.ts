export { systemRoutes, checkReadiness } from './routes';
export { buildOpenApi } from './openapi';
