import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Prediction } from '@predictkit/core';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_BODY_VALUES, MAX_INPUT_DEPTH } from '../http/limits';
import { SqliteStore } from '../node/SqliteStore';
import { readEvents, type TestApi, testApi } from './testServer';

const dirs: string[] = [];
let api: TestApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const stores = {
  memory: () => testApi({ timeScale: 0.001 }),
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), 'predictkit-limits-'));
    dirs.push(dir);
    return testApi({ timeScale: 0.001, store: new SqliteStore(dir) });
  },
};

/** `[[[…]]]` or `{"a":{"a":…}}`, `levels` containers deep, as text (no recursion to build it). */
function nested(levels: number, kind: 'array' | 'object' = 'array', leaf = '"x"'): string {
  return kind === 'array'
    ? '['.repeat(levels) + leaf + ']'.repeat(levels)
    : '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
}

const post = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

async function readable(a: TestApi, id: string): Promise<void> {
  const got = await a.request(`/v1/predictions/${id}`);
  expect(got.status).toBe(200);
  expect(((await got.json()) as Prediction).id).toBe(id);
  const stream = await a.request(`/v1/predictions/${id}/stream`);
  expect(stream.status).toBe(200);
  expect((await readEvents(stream)).at(-1)?.event).toBe('done');
  expect((await a.request('/v1/predictions')).status).toBe(200);
}

describe.each(Object.entries(stores))('input limits (%s store)', (_, start) => {
  it('refuses input nested 6,000 levels with the API’s 422 before creating anything', async () => {
    api = start();
    for (const kind of ['array', 'object'] as const) {
      const { status, body } = await api.json<{ detail: { loc: unknown[]; type: string; msg: string }[] }>(
        '/v1/predictions',
        post(`{"model":"predictkit/echo","input":{"text":${nested(6000, kind)}}}`),
      );
      expect(status).toBe(422);
      const issue = body.detail[0];
      expect(issue?.loc.slice(0, 3)).toEqual(['body', 'input', 'text']);
      expect(issue?.type).toBe('too_deep');
      expect(issue?.msg).toMatch(/at most 64 levels/);
    }
    expect((await api.json<Page<Prediction>>('/v1/predictions')).body.items).toHaveLength(0);
  });

  it('takes input exactly 64 levels deep, refuses 65, and says where the limit was passed', async () => {
    api = start();
    // input itself is one level: 63 more inside it
    const ok = await api.json<Prediction>(
      '/v1/predictions',
      post(`{"model":"predictkit/echo","input":{"text":"a","extra":${nested(MAX_INPUT_DEPTH - 1)}}}`),
    );
    expect(ok.status).toBe(201);
    await api.settle(ok.body.id);
    await readable(api, ok.body.id);
    const deep = await api.json<{ detail: { loc: unknown[] }[] }>(
      '/v1/predictions',
      post(`{"model":"predictkit/echo","input":{"text":"a","extra":${nested(MAX_INPUT_DEPTH)}}}`),
    );
    expect(deep.status).toBe(422);
    expect(deep.body.detail[0]?.loc).toEqual([
      'body',
      'input',
      'extra',
      ...Array(MAX_INPUT_DEPTH - 1).fill(0),
    ]);
  });

  it('refuses a deep model, webhook or stray field alike, never with a 500', async () => {
    api = start();
    for (const body of [
      `{"model":${nested(6000)},"input":{}}`,
      `{"model":"predictkit/echo","input":{"text":"x"},"webhook":${nested(6000, 'object')}}`,
      `{"model":"predictkit/echo","input":{"text":"x"},"other":${nested(100_000)}}`,
      nested(100_000),
    ]) {
      const answer = await api.request('/v1/predictions', post(body));
      expect(answer.status).toBe(422);
    }
    const version = await api.request(
      '/v1/models/predictkit/echo/versions/1/predictions',
      post(`{"input":${nested(6000, 'object')}}`),
    );
    expect(version.status).toBe(422);
  });

  it('answers a list of 100,000 wrong items with a 422 up front, or a failed prediction without it', async () => {
    api = start();
    const body = `{"model":"predictkit/text-generator","input":{"prompt":"x","stop":[${'0,'.repeat(100_000)}0]}}`;
    const validated = await api.json<{ detail: { loc: unknown[] }[] }>(
      '/v1/predictions',
      post(body, { 'validate-input': 'true' }),
    );
    expect(validated.status).toBe(422);
    expect(validated.body.detail[0]?.loc.slice(0, 3)).toEqual(['body', 'input', 'stop']);
    const created = await api.json<Prediction>('/v1/predictions', post(body));
    expect(created.status).toBe(201);
    const done = await api.settle(created.body.id);
    expect(done).toMatchObject({ status: 'failed', error: { source: 'external' } });
    // a message names the first ten issues, and the detail has every one
    const some = await api.create('predictkit/text-generator', { prompt: 'x', stop: Array(30).fill(0) });
    const failed = await api.settle(some.id);
    expect(failed.error?.message).toMatch(/; and 21 more\.$/);
    expect(failed.error?.detail).toHaveLength(31);
  });

  it('refuses a body of too many values with 413 before creating anything', async () => {
    api = start();
    const many = `{"model":"predictkit/echo","input":{"text":"x","list":[${'{},'.repeat(MAX_BODY_VALUES)}{}]}}`;
    const { status, body } = await api.json<{ detail: string }>('/v1/predictions', post(many));
    expect(status).toBe(413);
    expect(body.detail).toMatch(/values/);
    expect((await api.json<Page<Prediction>>('/v1/predictions')).body.items).toHaveLength(0);
  });

  it('refuses a body over the size limit with 413, even one sent without a Content-Length', async () => {
    api = start();
    const text = 'x'.repeat(MAX_BODY_BYTES);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(`{"model":"predictkit/echo","input":{"text":"${text}"}}`),
        );
        controller.close();
      },
    });
    const response = await api.request('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/25 MB/);
  });
});

/** A JSON text with odd corners JSON.stringify cannot make: huge and tiny numbers, -0, odd keys. */
const rawNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '0.1e1',
);
const oddKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '',
    '\u0000',
    '\ud800',
    '$ref',
    'text',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
type Tree = { raw: string } | Tree[] | { obj: [string, Tree][] };
const leaf: fc.Arbitrary<Tree> = fc.oneof(
  rawNumber.map((raw) => ({ raw })),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ raw: JSON.stringify(value) ?? 'null' })),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => ({ raw: JSON.stringify(s) })),
);
const { tree } = fc.letrec<{ tree: Tree }>((self) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(self('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(oddKey, self('tree')), { maxLength: 4 }).map((obj) => ({ obj })),
  ),
}));
const render = (t: Tree): string =>
  Array.isArray(t)
    ? `[${t.map(render).join(',')}]`
    : 'raw' in t
      ? t.raw
      : `{${t.obj.map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`).join(',')}}`;
/**
 * A chain of arrays or objects (odd keys) around a random tree: a few levels, or enough to overflow a
 * recursive walk. Not a oneof: nested ones lean more and more to their first choice.
 */
const levels = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 5000, max: 20_000 }))
  .map(([big, few, many]) => (big ? many : few));
const deep = fc
  .tuple(levels, fc.boolean(), oddKey, tree)
  .map(([levels, arrays, key, inner]) =>
    arrays
      ? '['.repeat(levels) + render(inner) + ']'.repeat(levels)
      : `{${JSON.stringify(key)}:`.repeat(levels) + render(inner) + '}'.repeat(levels),
  );
const wide = fc
  .tuple(fc.integer({ min: 0, max: 3000 }), oddKey)
  .map(([n, key]) => `{${Array.from({ length: n }, (_, i) => `${JSON.stringify(key + i)}:${i}`).join(',')}}`);
/** A long list of what the schema's items are not (text-generator's `stop` is strings): an error per item. */
const manyItems = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 80_000, max: 120_000 }))
  .map(
    ([big, few, many]) =>
      `{"model":"predictkit/text-generator","input":{"prompt":"x","stop":[${'0,'.repeat(big ? many : few)}0]}}`,
  );
const modelName = fc.constantFrom(
  'echo',
  'text-generator',
  'image-generator',
  'image-filter',
  'tone-synth',
  'sentiment',
  'slow-task',
  'unreliable',
  'nope',
);
const inputText = fc.oneof(
  tree.map((t) => `{"text":"hi","prompt":"hi","x":${render(t)}}`),
  tree.map(render),
  { weight: 3, arbitrary: deep.map((d) => `{"text":"hi","prompt":"hi","x":${d}}`) },
  deep,
  wide,
);
const bodyText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(modelName, inputText).map(([m, i]) => `{"model":"predictkit/${m}","input":${i}}`),
  },
  fc.tuple(tree, inputText).map(([m, i]) => `{"model":${render(m)},"input":${i}}`),
  fc
    .tuple(modelName, inputText, tree)
    .map(([m, i, w]) => `{"model":"predictkit/${m}","input":${i},"webhook":${render(w)}}`),
  tree.map(render),
  deep,
  manyItems,
);

describe.each(Object.entries(stores))('any JSON body (%s store)', (_, start) => {
  it('never answers 500, and a prediction it creates can always be read and streamed', async () => {
    const server = start();
    api = server;
    await fc.assert(
      fc.asyncProperty(bodyText, fc.boolean(), async (body, validate) => {
        const response = await server.request(
          '/v1/predictions',
          post(body, validate ? { 'validate-input': 'true' } : {}),
        );
        expect([201, 404, 413, 422]).toContain(response.status);
        const answer = (await response.json()) as Prediction & { detail?: unknown };
        if (response.status !== 201) return;
        await server.settle(answer.id, 20_000);
        await readable(server, answer.id);
      }),
      { seed: 42, numRuns: 120 },
    );
  }, 120_000);
});
