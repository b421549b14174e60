export { policyRoutes } from './routes';
export { getPolicy, listPolicies, listTopics, toPolicyDetail } from './service';
export { envelope, loadCatalog, paragraphsOf, policyBrief, type Catalog, type Sourced } from './catalog';
