// Random secrets, digests and constant-time comparison.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

// Random bytes are drawn from the CSPRNG 4 KiB at a time and handed out once each: a call
// into OpenSSL per 16-byte id cost 3 % of the token endpoint's CPU.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

function random(bytes: number): Buffer {
  if (bytes > POOL_BYTES) return randomBytes(bytes);
  if (used + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const out = pool.subarray(used, used + bytes);
  used += bytes;
  return out;
}

/** 256 random bits, base64url, optionally prefixed (lk_rt_, lk_cs_, ...). */
export function randomSecret(prefix = '', bytes = 32): string {
  return prefix + random(bytes).toString('base64url');
}

/** A short random id for records (128 bits). */
export function randomId(): string {
  return random(16).toString('base64url');
}

/** SHA-256 hex digest: secrets are stored this way (high entropy needs no slow hash). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[value % 62]! + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/**
 * A checksummed token, as secret scanners expect: prefix + 43 random base62 characters
 * (256 bits) + 6 characters of CRC32 over prefix and body. A typo or truncation fails the
 * checksum without a store lookup.
 */
export function checksummedToken(prefix: string): string {
  const bytes = random(43);
  let body = '';
  for (const byte of bytes) body += BASE62[byte % 62];
  return `${prefix}${body}${base62(crc32(prefix + body), 6)}`;
}

export function hasValidChecksum(token: string, prefix: string): boolean {
  if (!token.startsWith(prefix) || token.length !== prefix.length + 49) return false;
  const body = token.slice(prefix.length, -6);
  return /^[0-9A-Za-z]+$/.test(body) && base62(crc32(prefix + body), 6) === token.slice(-6);
}
