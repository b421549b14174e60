export { authRoutes } from './routes';
export { authModels } from './model';
