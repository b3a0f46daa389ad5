// Public surface of the tokens domain.
export { AccessTokens, type AccessTokenClaims, type IssueAccessToken } from './access-tokens.js';
export { createAuthenticator } from './authenticate.js';
export { PersonalAccessTokens, PAT_PREFIX, type NewPat } from './personal-access-tokens.js';
export { RevocationState } from './revocation.js';
export { revokeGrantId } from './revoke-grant.js';
export type * from './store.js';
