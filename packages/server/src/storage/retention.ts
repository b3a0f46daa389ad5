// How long expired records are kept, and how often adapters clean up. Reads never depend on
// clean-up: every query filters out expired records itself.

/** Opportunistic clean-up of expired rows, for adapters without TTL indexes. */
export const PURGE_INTERVAL_MS = 5 * 60_000;

/**
 * RFC 6749 §4.1.2: a replayed code should revoke what it issued, so a redeemed code is
 * remembered past its expiry, for the default absolute refresh-token lifetime (30 days).
 */
export const REDEEMED_CODE_RETENTION_MS = 30 * 24 * 60 * 60_000;
