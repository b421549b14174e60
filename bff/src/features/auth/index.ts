export { createAuth } from './routes';
export { authModels } from './model';
