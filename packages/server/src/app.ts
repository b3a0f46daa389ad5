// The composition root: picks the store, builds the domains and binds them to HTTP.
// The only file that sees everything.
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import { bootstrap } from './bootstrap.js';
import type { Config } from './config.js';
import { AuditLog } from './domains/audit/index.js';
import { auditRoutes } from './domains/audit/routes.js';
import { authorizationRoutes } from './domains/authorizations/routes.js';
import { clientRoutes } from './domains/clients/index.js';
import { keyRoutes } from './domains/keys/routes.js';
import { scopeRoutes } from './domains/scopes/routes.js';
import { patRoutes } from './domains/tokens/pat-routes.js';
import { meRoutes, userRoutes } from './domains/users/index.js';
import { SigningKeys } from './domains/keys/index.js';
import { OAUTH_PAGE_OPERATIONS, oauthRoutes } from './domains/oauth/index.js';
import { ScopeRegistry } from './domains/scopes/index.js';
import {
  AccessTokens,
  PersonalAccessTokens,
  RevocationState,
  createAuthenticator,
} from './domains/tokens/index.js';
import { staticAssets } from './http/assets.js';
import { consoleStatic } from './http/console.js';
import { healthRoutes } from './http/health.js';
import { Metrics } from './http/metrics.js';
import { createHttpApp } from './http/server.js';
import type { Routes } from './lib/operation.js';
import { openStores, type Stores } from './storage/index.js';
import { VIEW_ASSETS } from './views/index.js';

export const SPEC_PATH = fileURLToPath(new URL('../../../openapi/openapi.yaml', import.meta.url));

/** Everything the domains' route factories may depend on. */
export interface Services {
  config: Config;
  stores: Stores;
  logger: Logger;
  keys: SigningKeys;
  accessTokens: AccessTokens;
  revocation: RevocationState;
  pats: PersonalAccessTokens;
  audit: AuditLog;
  scopes: ScopeRegistry;
}

export interface App {
  koa: Koa;
  config: Config;
  services: Services;
  logger: Logger;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'latchkey' },
    redact: {
      paths: ['*.authorization', '*.password', '*.client_secret', '*.token'],
      censor: '[redacted]',
    },
  });
}

async function createServices(config: Config, stores: Stores, logger: Logger): Promise<Services> {
  // A retired key stays published for the longest access-token lifetime a client may have.
  const keys = new SigningKeys(stores.signingKeys, 86_400);
  await keys.init();
  return {
    config,
    stores,
    logger,
    keys,
    accessTokens: new AccessTokens(keys, config.issuer),
    revocation: new RevocationState(stores.grants, stores.clients, stores.users),
    pats: new PersonalAccessTokens(stores.personalAccessTokens),
    audit: new AuditLog(stores.audit),
    scopes: new ScopeRegistry(config.apiScopes),
  };
}

export async function createApp(config: Config, stores?: Stores): Promise<App> {
  const logger = createLogger(config);
  const store = stores ?? (await openStores(config.databaseUrl));
  const services = await createServices(config, store, logger);
  await bootstrap(services);
  const metrics = new Metrics();
  const routes: Routes = {
    ...healthRoutes(() => store.ping(), metrics),
    ...oauthRoutes(services),
    ...clientRoutes(services),
    ...patRoutes(services),
    ...userRoutes(services),
    ...meRoutes(services),
    ...authorizationRoutes(services),
    ...scopeRoutes(services),
    ...keyRoutes(services),
    ...auditRoutes(services),
  };
  const koa = await createHttpApp({
    specPath: SPEC_PATH,
    routes,
    authenticate: createAuthenticator(services),
    logger,
    metrics,
    secureCookies: config.issuer.startsWith('https:'),
    selfValidating: OAUTH_PAGE_OPERATIONS,
    extra: [staticAssets('/assets', VIEW_ASSETS), consoleStatic()],
  });
  return { koa, config, services, logger, close: () => store.close() };
}
