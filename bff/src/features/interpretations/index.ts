export { interpretationRoutes } from './routes';
export { getInterpretation, toInterpretationDetail } from './service';
