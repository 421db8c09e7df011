import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Fixture, prepareFixture } from './lib/fixture';
import { explain, run, userEnv } from './lib/run';
import { type RunningServer, startServer } from './lib/server';

let app: Fixture;
let api: RunningServer | undefined;

beforeAll(async () => {
  app = await prepareFixture('node', inject('tarballs'), ['ts-esm/src', 'ts-cjs/src']);
  console.info(`[consumers] node: ${app.install}`);
  api = await startServer(app.dir);
});

afterAll(async () => {
  await api?.stop();
});

const node = (script: string, cwd = app.dir) =>
  run('node', [script], { cwd, env: userEnv({ PREDICTKIT_URL: api!.url }), timeoutMs: 60_000 });

describe('Node.js app without zod', () => {
  it('has no zod installed (an optional peer), so the type checks below run without it', () => {
    expect(existsSync(join(app.dir, 'node_modules/zod'))).toBe(false);
  });

  it('imports every entry as ES modules and runs a prediction', async () => {
    const result = await node('esm.mjs');
    expect(result.code, explain('node esm.mjs', result)).toBe(0);
    expect(result.output).toContain('"output":"from ESM"');
  });

  it('requires every entry as CommonJS and runs a prediction', async () => {
    const result = await node('cjs.cjs');
    expect(result.code, explain('node cjs.cjs', result)).toBe(0);
    expect(result.output).toContain('"output":"from CommonJS"');
  });

  for (const [kind, output] of [
    ['esm', 'from TypeScript ESM'],
    ['cjs', 'from TypeScript CommonJS'],
  ] as const) {
    it(`compiles a TypeScript nodenext ${kind.toUpperCase()} project (skipLibCheck: false, no DOM lib) and runs it`, async () => {
      const cwd = join(app.dir, `ts-${kind}`);
      const compiled = await run('../node_modules/.bin/tsc', ['-p', '.'], { cwd });
      expect(compiled.code, explain(`tsc (ts-${kind})`, compiled)).toBe(0);
      const result = await node('dist/main.js', cwd);
      expect(result.code, explain(`node ts-${kind}/dist/main.js`, result)).toBe(0);
      expect(result.output).toContain(`"output":"${output}"`);
    });
  }
});
