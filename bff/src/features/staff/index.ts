export { staffRoutes, type WorkbenchToolProvider } from './routes';
