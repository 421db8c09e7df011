import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from './readEnv';

describe('readEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('reads a variable, and counts an empty one as unset', () => {
    vi.stubEnv('PREDICTKIT_TEST_VAR', 'value');
    expect(readEnv('PREDICTKIT_TEST_VAR')).toBe('value');
    vi.stubEnv('PREDICTKIT_TEST_VAR', '');
    expect(readEnv('PREDICTKIT_TEST_VAR')).toBeUndefined();
  });

  it('counts a read the runtime refuses as unset, as Deno does without --allow-env', () => {
    const refusing = new Proxy(
      {},
      {
        get(_, name) {
          throw new Error(`Requires env access to "${String(name)}"`);
        },
      },
    );
    vi.stubGlobal('process', { env: refusing });
    expect(readEnv('WRIFTAI_ACCESS_TOKEN')).toBeUndefined();
  });

  it('gives undefined where there is no process, as on edge runtimes', () => {
    vi.stubGlobal('process', undefined);
    expect(readEnv('WRIFTAI_ACCESS_TOKEN')).toBeUndefined();
  });
});
