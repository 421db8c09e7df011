import { describe, expect, it } from 'vitest';
import { fromReplicateId, toReplicateId } from './replicateId';

describe('Replicate ids', () => {
  it('are a UUID in 26 base32 letters, both ways', () => {
    for (let i = 0; i < 500; i++) {
      const uuid = crypto.randomUUID();
      const id = toReplicateId(uuid);
      expect(id).toMatch(/^[a-z2-7]{26}$/);
      expect(fromReplicateId(id)).toBe(uuid);
    }
    expect(toReplicateId('00000000-0000-0000-0000-000000000000')).toBe('a'.repeat(26));
    expect(toReplicateId('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe(`${'7'.repeat(25)}4`);
  });

  it('pass a UUID through, and name nothing for anything else', () => {
    const uuid = crypto.randomUUID();
    expect(fromReplicateId(uuid)).toBe(uuid);
    for (const bad of [
      '',
      'nope',
      'a'.repeat(25),
      'a'.repeat(27),
      `${'a'.repeat(25)}b`,
      'A'.repeat(26),
      '../x',
    ]) {
      expect(fromReplicateId(bad)).toBeUndefined();
    }
  });
});
