export { policyRoutes } from './routes';
export { getPolicy, toPolicyDetail } from './service';
