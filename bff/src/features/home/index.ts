export { homeRoutes } from './routes';
export { getHomeFeed } from './service';
