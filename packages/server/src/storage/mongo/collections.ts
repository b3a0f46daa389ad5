// Collection names, one per aggregate, plus the claim collections that make consume-once
// operations single-winner on any deployment (a unique _id insert is atomic everywhere).
export const C = {
  clients: 'clients',
  users: 'users',
  grants: 'grants',
  refreshTokens: 'refresh_tokens',
  /** One document per rotated refresh token, _id = digest: the insert that wins the rotation. */
  refreshRotations: 'refresh_rotations',
  personalAccessTokens: 'personal_access_tokens',
  authorizationCodes: 'authorization_codes',
  /** One document per redeemed code, _id = digest, holding the winner's grant id. */
  codeRedemptions: 'code_redemptions',
  consents: 'consents',
  sessions: 'login_sessions',
  signingKeys: 'signing_keys',
  audit: 'audit_events',
} as const;
