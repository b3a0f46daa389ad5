// Random ids and secrets come from a prefetched pool: each byte must be handed out once.
import { describe, expect, it } from 'vitest';
import { checksummedToken, hasValidChecksum, randomId, randomSecret } from './crypto.js';

describe('random values', () => {
  it('never repeats an id or a secret across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      seen.add(randomId());
      seen.add(randomSecret('lk_rt_'));
    }
    expect(seen.size).toBe(40_000);
  });

  it('gives ids of 128 bits and secrets of 256 bits', () => {
    expect(Buffer.from(randomId(), 'base64url')).toHaveLength(16);
    expect(Buffer.from(randomSecret('x_').slice(2), 'base64url')).toHaveLength(32);
  });

  it('spreads bytes evenly (no stuck or repeated pool)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4_000; i++)
      for (const b of Buffer.from(randomId(), 'base64url')) counts[b]!++;
    // 64,000 bytes over 256 values: 250 expected each; a broken pool would be far off.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(350);
  });

  it('checksums PAT-style tokens so a typo is caught without a lookup', () => {
    const token = checksummedToken('lk_pat_');
    expect(hasValidChecksum(token, 'lk_pat_')).toBe(true);
    const typo = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(hasValidChecksum(typo, 'lk_pat_')).toBe(false);
  });
});
