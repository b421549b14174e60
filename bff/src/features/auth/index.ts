export { createAuth } from './routes';
export { authModels } from './model';
export type { AccountEraser } from './erasure';
