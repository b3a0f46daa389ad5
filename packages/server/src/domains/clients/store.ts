// The port the clients domain needs from storage.
import type { Page, PageRequest } from '../../lib/page.js';

export type GrantType = 'authorization_code' | 'refresh_token' | 'password' | 'client_credentials';
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface ClientRecord {
  clientId: string;
  clientName: string;
  description: string | null;
  redirectUris: string[];
  grantTypes: GrantType[];
  personalAccessTokensEnabled: boolean;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** Allowed scopes, space-separated (RFC 7591). */
  scope: string;
  /** Seconds; null means the server default. */
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  skipConsent: boolean;
  /** SHA-256 (hex) of the current secret; null for public clients. */
  secretDigest: string | null;
  /** Last 4 characters of the current secret. */
  secretHint: string | null;
  /** After a rotation with a grace period, the old secret stays valid until this time. */
  previousSecretDigest: string | null;
  previousSecretExpiresAt: Date | null;
  /**
   * Client-credentials access tokens are not stored: each carries the generation current when
   * it was issued, and revoking all of a client's tokens moves the generation on (0 at first).
   */
  tokenGeneration: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a caller supplies; the store sets createdAt, updatedAt and tokenGeneration. */
export type NewClient = Omit<ClientRecord, 'createdAt' | 'updatedAt' | 'tokenGeneration'>;
export type ClientPatch = Partial<
  Omit<ClientRecord, 'clientId' | 'createdAt' | 'updatedAt' | 'tokenGeneration'>
>;

export interface ClientFilter extends PageRequest {
  /** Case-insensitive substring of client_name. */
  name?: string | undefined;
  grantType?: GrantType | undefined;
}

export interface ClientStore {
  /** Throws DuplicateKeyError('client_id') when the id is taken. */
  create(client: NewClient): Promise<ClientRecord>;
  get(clientId: string): Promise<ClientRecord | undefined>;
  /** Ordered by (createdAt, clientId). Throws InvalidCursorError for a foreign cursor. */
  list(filter: ClientFilter): Promise<Page<ClientRecord>>;
  /** Sets updatedAt; undefined when there is no such client. */
  update(clientId: string, patch: ClientPatch): Promise<ClientRecord | undefined>;
  /**
   * Deletes the client and everything issued to it: authorization codes, grants and their
   * refresh tokens, personal access tokens and consents. False when there was no such client.
   * The client record goes first, so a crash half-way still leaves every token unusable.
   */
  delete(clientId: string): Promise<boolean>;
  /** Moves tokenGeneration on by one; false when there is no such client. */
  nextTokenGeneration(clientId: string): Promise<boolean>;
}
