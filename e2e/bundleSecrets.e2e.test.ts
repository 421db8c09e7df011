import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const dist = fileURLToPath(new URL('../apps/playground/dist/', import.meta.url));

/** Every file of the built playground, as text. */
const builtFiles = () =>
  readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: readFileSync(path, 'latin1') };
    });

describe('the built playground', () => {
  it('holds none of the secrets its build ran beside, and no server-side client', () => {
    const files = builtFiles();
    expect(files.some((f) => f.path.endsWith('.js'))).toBe(true);
    for (const [name, secret] of Object.entries(inject('secretsAtBuild'))) {
      expect(
        files.filter((f) => f.text.includes(secret)).map((f) => f.path),
        name,
      ).toEqual([]);
    }
    // The Weave client (its default W&B address), the Weave logger and the proxy stay on the server:
    // none of their code (known here by words of theirs) is in the bundle.
    for (const serverOnly of [
      'trace.wandb.ai',
      'the queue is full',
      'This proxy takes changes only from pages on its own origin',
    ]) {
      expect(
        files.filter((f) => f.text.includes(serverOnly)).map((f) => f.path),
        serverOnly,
      ).toEqual([]);
    }
  });
});
