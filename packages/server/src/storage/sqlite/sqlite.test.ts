// Runs every store contract against SQLite: a fresh in-memory database per suite.
import { describe } from 'vitest';
import { storeContracts } from '../contract/index.js';
import { openSqlite } from './index.js';

describe('SQLite stores', () => {
  storeContracts(async () => openSqlite(':memory:'));
});
