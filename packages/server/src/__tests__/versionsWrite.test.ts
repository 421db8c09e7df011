import type { ModelVersion, Page, Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { as } from './accountApi';
import { type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

type Issues = { detail: { loc: (string | number)[]; msg: string; type: string }[] };

/** A schema of its own for a model that runs on echo: a shorter text, and a required `tone`. */
const SCHEMAS = {
  prediction: {
    input: {
      type: 'object',
      title: 'Input',
      required: ['text', 'tone'],
      properties: {
        text: { type: 'string', maxLength: 20, 'x-order': 0 },
        tone: { $ref: '#/$defs/Tone', 'x-order': 1 },
      },
      $defs: { Tone: { enum: ['plain', 'loud'] } },
    },
    output: { type: 'string', title: 'Output' },
  },
};

async function setUp(options = {}) {
  api = testApi(options);
  const me = as(api, undefined);
  const echo = await me.get<ModelVersion>('/v1/models/predictkit/echo/versions/1');
  await me.send('POST', '/v1/models', { name: 'shout', hardware_identifier: 'cpu' });
  return { me, digest: echo.body.container_image_digest as string };
}

describe('version writes', () => {
  it('creates numbered versions on a demo image, lists them, and deletes one without reusing its number', async () => {
    const { me, digest } = await setUp();
    const first = await me.send<ModelVersion>('POST', '/v1/models/local/shout/versions', {
      release_notes: 'First cut.',
      schemas: SCHEMAS,
      container_image_digest: digest,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      number: 1,
      release_notes: 'First cut.',
      container_image_digest: digest,
      schemas: SCHEMAS,
    });
    const second = await me.send<ModelVersion>('POST', '/v1/models/local/shout/versions', {
      schemas: SCHEMAS,
      container_image_digest: digest,
    });
    expect(second.body).toMatchObject({ number: 2, release_notes: '' });
    const listed = await me.get<Page<ModelVersion>>('/v1/models/local/shout/versions');
    expect(listed.body.items.map((v) => v.number)).toEqual([2, 1]);
    expect(listed.body.items[0]).not.toHaveProperty('schemas');
    expect(
      (await me.get<{ latest_version: ModelVersion }>('/v1/models/local/shout')).body.latest_version.number,
    ).toBe(2);

    expect(await me.send('DELETE', '/v1/models/local/shout/versions/2')).toMatchObject({
      status: 200,
      body: null,
    });
    expect((await me.get('/v1/models/local/shout/versions/2')).status).toBe(404);
    expect((await me.send('DELETE', '/v1/models/local/shout/versions/2')).status).toBe(404);
    expect((await me.send('DELETE', '/v1/models/local/shout/versions/x')).status).toBe(422);
    const third = await me.send<ModelVersion>('POST', '/v1/models/local/shout/versions', {
      schemas: SCHEMAS,
      container_image_digest: digest,
    });
    expect(third.body.number).toBe(3);
    expect((await me.send('DELETE', '/v1/models/predictkit/echo/versions/1')).status).toBe(403);
    expect(
      (
        await me.send('POST', '/v1/models/predictkit/echo/versions', {
          schemas: SCHEMAS,
          container_image_digest: digest,
        })
      ).status,
    ).toBe(403);
  });

  it('refuses versions that are not valid, naming each field', async () => {
    const { me, digest } = await setUp();
    const issues = async (body: unknown) => {
      const answer = await me.send<Issues>('POST', '/v1/models/local/shout/versions', body);
      expect(answer.status).toBe(422);
      return answer.body.detail.map((issue) => [issue.loc.join('.'), issue.type]);
    };
    const ok = { schemas: SCHEMAS, container_image_digest: digest };
    expect(await issues({})).toEqual([
      ['body.container_image_digest', 'missing'],
      ['body.schemas', 'missing'],
    ]);
    expect(await issues({ ...ok, release_notes: 'x'.repeat(256) })).toEqual([
      ['body.release_notes', 'string_too_long'],
    ]);
    expect(await issues({ ...ok, container_image_digest: 'sha256:ABC' })).toEqual([
      ['body.container_image_digest', 'string_pattern_mismatch'],
    ]);
    expect(await issues({ ...ok, container_image_digest: `sha256:${'0'.repeat(64)}` })).toEqual([
      ['body.container_image_digest', 'value_error'],
    ]);
    expect(await issues({ ...ok, schemas: { prediction: { input: SCHEMAS.prediction.input } } })).toEqual([
      ['body.schemas.prediction.output', 'missing'],
    ]);
    expect(
      await issues({ ...ok, schemas: { prediction: { input: { type: 'string' }, output: {} } } }),
    ).toEqual([['body.schemas.prediction.input.type', 'value_error']]);
    const remote = { type: 'object', properties: { a: { $ref: 'https://example.com/s.json' } } };
    expect(await issues({ ...ok, schemas: { prediction: { input: remote, output: {} } } })).toEqual([
      ['body.schemas.prediction.input.properties.a.$ref', 'value_error'],
    ]);
    const broken = { type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } };
    expect(await issues({ ...ok, schemas: { prediction: { input: broken, output: 'text' } } })).toEqual([
      ['body.schemas.prediction.input.properties.a.$ref', 'value_error'],
      ['body.schemas.prediction.output', 'dict_type'],
    ]);
    expect((await me.get<Page<ModelVersion>>('/v1/models/local/shout/versions')).body.items).toEqual([]);
  });

  it('runs a prediction on a created model end to end, its input checked by the version’s own schema', async () => {
    const { me, digest } = await setUp();
    const none = await me.send<{ detail: string }>('POST', '/v1/models/local/shout/predictions', {
      input: {},
    });
    expect(none.status).toBe(404);
    expect(none.body.detail).toMatch(/no version/);
    await me.send('POST', '/v1/models/local/shout/versions', {
      schemas: SCHEMAS,
      container_image_digest: digest,
    });

    const refused = await me.send<Issues>(
      'POST',
      '/v1/models/local/shout/predictions',
      { input: { text: 'this text is far too long for the schema' } },
      { 'validate-input': 'true' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.detail.map((i) => [i.loc.join('.'), i.type]).sort()).toEqual([
      ['body.input.text', 'string_too_long'],
      ['body.input.tone', 'missing'],
    ]);

    const created = await me.send<Prediction>('POST', '/v1/predictions', {
      model: 'local/shout:1',
      input: { text: 'hello', tone: 'loud' },
    });
    expect(created.status).toBe(201);
    expect(created.body.model).toEqual({ owner: 'local', name: 'shout', version_number: 1 });
    const done = await api.settle(created.body.id);
    expect(done).toMatchObject({ status: 'succeeded', output: 'hello' });

    // without Validate-Input, the run checks the input and fails it as the caller's fault
    const late = await me.send<Prediction>('POST', '/v1/models/local/shout/predictions', {
      input: { text: 'hi' },
    });
    expect(await api.settle(late.body.id)).toMatchObject({
      status: 'failed',
      error: { source: 'external', message: expect.stringMatching(/tone/) },
    });
    expect(
      (await me.get<{ predictions_count: number }>('/v1/models/local/shout')).body.predictions_count,
    ).toBe(2);
  });
});
