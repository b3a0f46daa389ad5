// Public surface of the clients domain.
export {
  CLIENT_SECRET_PREFIX,
  clientSecretMatches,
  isPublicClient,
  newClientSecret,
} from './secrets.js';
export { redirectUriProblem } from './rules.js';
export { clientRoutes } from './routes.js';
export type { ClientDeps } from './deps.js';
export type * from './store.js';
