export { createHotline, hotlineWorkers, type HotlineFeature, type HotlineWorkers } from './routes';
export { hotlineModels } from './model';
export { computeDeadline, DUE_WORKING_DAYS } from './deadline';
export { publishedStats } from './service';
export { lastCompleteMonth } from './stats';
