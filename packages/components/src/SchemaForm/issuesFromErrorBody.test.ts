import { createClient, createPrediction, ValidationError, wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { createServer } from '@predictkit/server';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_APIS } from '../stories/withLocalServer';
import { issuesFromErrorBody } from './issuesFromErrorBody';

const server = createServer({ onWarning: () => {} });
afterAll(() => server.close());

/** What the local server answers to a create with this input, and what core's client makes of it. */
async function answerAndError(api: 'wriftai' | 'replicate', input: Record<string, unknown>) {
  const { baseUrl, provider } = LOCAL_APIS[api];
  const path = api === 'replicate' ? '/models/predictkit/image-generator/predictions' : '/predictions';
  const response = await server.fetch(
    new Request(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'validate-input': 'true' },
      body: JSON.stringify(api === 'replicate' ? { input } : { model: 'predictkit/image-generator', input }),
    }),
  );
  const client = createClient({ baseUrl, provider, fetch: (request) => server.fetch(request) });
  const error = await createPrediction(client, {
    model: 'predictkit/image-generator',
    input,
    validateInput: true,
  }).catch((e: unknown) => e);
  return { status: response.status, body: await response.json(), error };
}

describe('issuesFromErrorBody', () => {
  it('reads Replicate’s invalid_fields with its provider: fields relative to the input', () => {
    const body = {
      title: 'Input validation failed',
      detail: '- input.width: Input should be greater than or equal to 64\n',
      status: 422,
      invalid_fields: [
        {
          type: 'greater_than_equal',
          field: 'input.width',
          description: 'Input should be greater than or equal to 64',
        },
        { type: 'url_parsing', field: 'input.images.2', description: 'Invalid URL' },
        { type: 'missing', field: 'version', description: 'Field required' },
      ],
    };
    expect(issuesFromErrorBody(body, replicate)).toEqual([
      { path: ['width'], message: 'Input should be greater than or equal to 64' },
      { path: ['images', '2'], message: 'Invalid URL' },
      { path: ['version'], message: 'Field required' },
    ]);
  });

  it('reads WriftAI’s detail by default', () => {
    const body = { detail: [{ loc: ['body', 'input', 'width'], msg: 'Too wide', type: 'less_than_equal' }] };
    expect(issuesFromErrorBody(body)).toEqual([{ path: ['width'], message: 'Too wide' }]);
    expect(issuesFromErrorBody(body, wriftai)).toEqual(issuesFromErrorBody(body));
  });

  it('makes words without field issues one issue for the whole input, and nothing of nothing', () => {
    expect(issuesFromErrorBody({ detail: 'Model not found.', status: 404 }, replicate)).toEqual([
      { path: [], message: 'Model not found.' },
    ]);
    expect(issuesFromErrorBody({ detail: 'Model not found.' })).toEqual([
      { path: [], message: 'Model not found.' },
    ]);
    expect(issuesFromErrorBody(null, replicate)).toEqual([]);
    expect(issuesFromErrorBody(undefined)).toEqual([]);
  });

  it.each(['wriftai', 'replicate'] as const)(
    'gives the paths and messages of the ValidationError core’s client builds from the %s answer',
    async (api) => {
      const { status, body, error } = await answerAndError(api, { prompt: '', width: 10 });
      expect(status).toBe(422);
      expect(error).toBeInstanceOf(ValidationError);
      const fromClient = (error as ValidationError).issues.map(({ path, message }) => ({ path, message }));
      expect(fromClient.map((i) => i.path)).toEqual(expect.arrayContaining([['width']]));
      expect(issuesFromErrorBody(body, LOCAL_APIS[api].provider)).toEqual(fromClient);
    },
  );
});
