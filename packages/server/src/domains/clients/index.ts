// Public surface of the clients domain.
export {
  CLIENT_SECRET_PREFIX,
  clientSecretMatches,
  isPublicClient,
  newClientSecret,
} from './secrets.js';
export type * from './store.js';
