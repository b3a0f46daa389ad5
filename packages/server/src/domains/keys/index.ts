// Public surface of the keys domain.
export { SigningKeys } from './service.js';
export { signJwt, verifyJwt, type JwtHeader } from './jwt.js';
export type { SigningKeyRecord, SigningKeyStore } from './store.js';
