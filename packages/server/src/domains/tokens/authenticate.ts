// Resolves a bearer credential presented to the management API to a principal: a JWT access
// token whose grant, client and user are still good, or a live personal access token of an
// enabled user for a client that still allows them.
import type { Principal } from '../../lib/operation.js';
import type { AccessTokens } from './access-tokens.js';
import { PAT_PREFIX, type PersonalAccessTokens } from './personal-access-tokens.js';
import type { RevocationState } from './revocation.js';

export function createAuthenticator(deps: {
  accessTokens: AccessTokens;
  pats: PersonalAccessTokens;
  revocation: RevocationState;
}): (token: string) => Promise<Principal | undefined> {
  const { accessTokens, pats, revocation } = deps;
  return async (token) => {
    if (token.startsWith(PAT_PREFIX)) {
      const pat = await pats.verify(token);
      if (!pat) return undefined;
      const [user, client] = await Promise.all([
        revocation.activeUser(pat.userId),
        revocation.client(pat.clientId),
      ]);
      if (!user || !client?.personalAccessTokensEnabled) return undefined;
      return {
        userId: user.id,
        username: user.username,
        role: user.role,
        clientId: client.clientId,
        scopes: new Set(pat.scope.split(' ').filter(Boolean)),
        tokenType: 'personal_access_token',
        credentialId: pat.id,
      };
    }
    const claims = accessTokens.decode(token);
    if (!claims?.uid) return undefined;
    const [active, user, client] = await Promise.all([
      revocation.accessTokenActive(claims),
      revocation.activeUser(claims.uid),
      revocation.client(claims.client_id),
    ]);
    if (!active || !user || !client) return undefined;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      clientId: client.clientId,
      scopes: new Set(claims.scope.split(' ').filter(Boolean)),
      tokenType: 'access_token',
      credentialId: claims.gid,
    };
  };
}
