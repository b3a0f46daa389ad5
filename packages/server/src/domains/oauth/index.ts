// Public surface of the OAuth domain.
export { oauthRoutes, OAUTH_PAGE_OPERATIONS } from './routes.js';
export { DEFAULT_LIMITS, type OAuthDeps, type OAuthLimits } from './deps.js';
export type * from './store.js';
