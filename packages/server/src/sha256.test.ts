import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toBase64, toHex } from './sha256';

describe('sha256', () => {
  it('matches the standard vectors', () => {
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto on every length across block boundaries, and for HMAC with any key', () => {
    for (let length = 0; length < 200; length++) {
      const data = randomBytes(length);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      const key = randomBytes(length % 100);
      expect(toBase64(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('base64'));
    }
    expect(toHex(hmacSha256('key', 'The quick brown fox'))).toBe(
      createHmac('sha256', 'key').update('The quick brown fox').digest('hex'),
    );
  });
});
