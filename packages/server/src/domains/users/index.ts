// Public surface of the users domain.
export { userRoutes } from './routes.js';
export { meRoutes } from './me-routes.js';
export { presentUser } from './present.js';
export type { UserDeps } from './deps.js';
export type * from './store.js';
