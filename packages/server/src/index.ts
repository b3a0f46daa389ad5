// Public surface of @latchkey/server, for embedding and for tests.
export { createApp, type App } from './app.js';
export { loadConfig, testConfig, ConfigError, type Config } from './config.js';
