// Every port's contract suite, run unchanged against each adapter (sqlite.test.ts, mongo.test.ts).
import { auditStoreContract } from './audit.contract.js';
import { cascadeContract } from './cascades.contract.js';
import { clientStoreContract } from './clients.contract.js';
import { authorizationCodeStoreContract } from './codes.contract.js';
import { consentStoreContract } from './consents.contract.js';
import type { OpenStores } from './fixtures.js';
import { grantStoreContract } from './grants.contract.js';
import { personalAccessTokenStoreContract } from './personal-access-tokens.contract.js';
import { refreshTokenStoreContract } from './refresh-tokens.contract.js';
import { loginSessionStoreContract } from './sessions.contract.js';
import { signingKeyStoreContract } from './signing-keys.contract.js';
import { userStoreContract } from './users.contract.js';

export type { OpenStores } from './fixtures.js';

export function storeContracts(open: OpenStores): void {
  clientStoreContract(open);
  userStoreContract(open);
  grantStoreContract(open);
  refreshTokenStoreContract(open);
  personalAccessTokenStoreContract(open);
  authorizationCodeStoreContract(open);
  consentStoreContract(open);
  loginSessionStoreContract(open);
  signingKeyStoreContract(open);
  auditStoreContract(open);
  cascadeContract(open);
}
