// Handlers for /api/v1/signing-keys (administrators): public halves only, and rotation.
import type {
  ListSigningKeysData,
  ListSigningKeysResponses,
  RotateSigningKeysData,
  RotateSigningKeysResponses,
  SigningKey,
} from '../../generated/index.js';
import type { OperationHandler, Routes } from '../../lib/operation.js';
import { decodeCursor, encodeCursor } from '../../lib/page.js';
import { iso, isoOrNull } from '../../lib/present.js';
import { InvalidCursorError } from '../../lib/store-errors.js';
import type { AuditLog } from '../audit/index.js';
import type { SigningKeys } from './service.js';
import type { SigningKeyRecord } from './store.js';

export function presentKey(key: SigningKeyRecord): SigningKey {
  return {
    kid: key.kid,
    alg: key.alg,
    status: key.status,
    created_at: iso(key.createdAt),
    retired_at: isoOrNull(key.retiredAt),
    public_jwk: key.publicJwk as SigningKey['public_jwk'],
  };
}

export function keyRoutes(deps: { keys: SigningKeys; audit: AuditLog }): Routes {
  // The published keys are few (the active one and those retired within a token lifetime):
  // they are read at once and paged in memory, newest first.
  const listSigningKeys: OperationHandler<ListSigningKeysData, ListSigningKeysResponses> = async ({
    query,
  }) => {
    const keys = await deps.keys.list();
    const limit = query.limit ?? 20;
    let start = 0;
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      const index = after ? keys.findIndex((k) => k.kid === after.id) : -1;
      if (index < 0) throw new InvalidCursorError();
      start = index + 1;
    }
    const items = keys.slice(start, start + limit);
    const last = items.at(-1);
    const more = start + limit < keys.length;
    return {
      status: 200,
      body: {
        data: items.map(presentKey),
        next_cursor:
          more && last ? encodeCursor({ createdAt: last.createdAt, id: last.kid }) : null,
      },
    };
  };

  const rotateSigningKeys: OperationHandler<
    RotateSigningKeysData,
    RotateSigningKeysResponses
  > = async (request) => {
    const key = await deps.keys.rotate();
    await deps.audit.record('signing_key.rotated', request, { type: 'signing_key', id: key.kid });
    return { status: 201, body: presentKey(key) };
  };

  return { listSigningKeys, rotateSigningKeys };
}
