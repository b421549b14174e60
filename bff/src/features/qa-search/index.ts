export { qaSearchRoutes } from './routes';
export { searchQas } from './service';
export { QaIndex } from './index-sync';
export { QaSearchEngine, type QaDoc, type QaHit } from './engine';
