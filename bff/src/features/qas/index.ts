export { qaRoutes } from './routes';
export { getQa, getQaFeedback, listQas, recordQaView, toQaDetail, voteOnQa } from './service';
