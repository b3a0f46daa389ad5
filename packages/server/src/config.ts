// Typed configuration read from the environment and validated at start.
import { Ajv } from 'ajv';

export interface Config {
  port: number;
  host: string;
  issuer: string;
  databaseUrl: string;
  adminUsername: string | undefined;
  adminPassword: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Allows http:// redirect URIs on non-loopback hosts (development only). */
  devMode: boolean;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  /** Administrators' maximum lifetime for personal access tokens, in days; undefined = no maximum. */
  patMaxLifetimeDays: number | undefined;
  /** Scopes of the instance's own API, as "name:description" pairs. */
  apiScopes: { name: string; description: string }[];
}

/** Environment variables, their defaults and their JSON Schemas: the configuration table. */
const VARIABLES = {
  PORT: { type: 'integer', minimum: 0, maximum: 65535 },
  HOST: { type: 'string', minLength: 1 },
  LATCHKEY_ISSUER: { type: 'string', pattern: '^https?://[^/?#]+(/[^?#]*[^/?#])?$' },
  DATABASE_URL: { type: 'string', pattern: '^(sqlite:.+|mongodb(\\+srv)?://.+)$' },
  LATCHKEY_ADMIN_USERNAME: { type: 'string', pattern: '^[a-zA-Z0-9._-]{3,64}$' },
  LATCHKEY_ADMIN_PASSWORD: { type: 'string', minLength: 12, maxLength: 256 },
  LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  LATCHKEY_DEV: { enum: ['true', 'false', '1', '0'] },
  LATCHKEY_ACCESS_TOKEN_TTL: { type: 'integer', minimum: 60, maximum: 86400 },
  LATCHKEY_REFRESH_TOKEN_TTL: { type: 'integer', minimum: 3600, maximum: 31536000 },
  LATCHKEY_PAT_MAX_LIFETIME_DAYS: { type: 'integer', minimum: 1, maximum: 3650 },
  LATCHKEY_API_SCOPES: {
    type: 'string',
    pattern: '^([a-z][a-z0-9:._-]*(=[^,]*)?)(,[a-z][a-z0-9:._-]*(=[^,]*)?)*$',
  },
} as const;

type Name = keyof typeof VARIABLES;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const validateEnv = new Ajv({ allErrors: true, coerceTypes: true }).compile({
  type: 'object',
  properties: VARIABLES,
});

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Partial<Record<Name, unknown>> = {};
  for (const name of Object.keys(VARIABLES) as Name[]) {
    if (env[name] !== undefined && env[name] !== '') raw[name] = env[name];
  }
  const shown = (name: string) =>
    name.includes('PASSWORD') ? '<hidden>' : JSON.stringify(env[name]);
  if (!validateEnv(raw)) {
    const problems = (validateEnv.errors ?? []).map((e) => {
      const name = e.instancePath.slice(1);
      return `${name}=${shown(name)}: ${e.message ?? 'invalid'}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }

  const port = (raw.PORT as number | undefined) ?? 4000;
  const dev = raw.LATCHKEY_DEV as string | undefined;
  return {
    port,
    host: (raw.HOST as string | undefined) ?? '127.0.0.1',
    issuer: (raw.LATCHKEY_ISSUER as string | undefined) ?? `http://localhost:${port}`,
    databaseUrl: (raw.DATABASE_URL as string | undefined) ?? 'sqlite:./data/latchkey.db',
    adminUsername: raw.LATCHKEY_ADMIN_USERNAME as string | undefined,
    adminPassword: raw.LATCHKEY_ADMIN_PASSWORD as string | undefined,
    logLevel: (raw.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    devMode: dev === 'true' || dev === '1',
    accessTokenTtl: (raw.LATCHKEY_ACCESS_TOKEN_TTL as number | undefined) ?? 3600,
    refreshTokenTtl: (raw.LATCHKEY_REFRESH_TOKEN_TTL as number | undefined) ?? 30 * 86400,
    patMaxLifetimeDays: raw.LATCHKEY_PAT_MAX_LIFETIME_DAYS as number | undefined,
    apiScopes: parseScopes(raw.LATCHKEY_API_SCOPES as string | undefined),
  };
}

function parseScopes(value: string | undefined): Config['apiScopes'] {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const [name = '', description = ''] = pair.split('=');
    return { name, description: description || name };
  });
}

/** A configuration for tests: in-memory store, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'silent',
      // A known bootstrap password, so test servers print nothing (see bootstrap.ts).
      LATCHKEY_ADMIN_USERNAME: 'admin',
      LATCHKEY_ADMIN_PASSWORD: 'latchkey test administrator',
    }),
    ...overrides,
  };
}
