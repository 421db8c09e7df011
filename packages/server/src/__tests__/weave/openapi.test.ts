import { readFileSync } from 'node:fs';
import { Validator } from '@cfworker/json-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

/** The seed's OpenAPI of the create: its request body, its answers' schemas, and the components they name. */
const fixture = JSON.parse(
  readFileSync(new URL('./predictionCreate.openapi.json', import.meta.url), 'utf8'),
) as {
  requestBody: { $ref: string };
  responses: Record<'200' | '422', { $ref: string }>;
  components: Record<string, unknown>;
};

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

/** A validator of one of the operation's schemas, its refs resolved in the extracted components. */
function validatorOf(ref: { $ref: string }): Validator {
  return new Validator({ ...ref, components: fixture.components } as never, '2020-12', false);
}

const errorsOf = (validator: Validator, value: unknown) =>
  validator.validate(value).errors.map((e) => `${e.instanceLocation}: ${e.error}`);

describe("POST /v2/{entity}/{project}/predictions against Weave's OpenAPI", () => {
  it('takes a body the schema describes and answers 200 in PredictionCreateRes', async () => {
    api = await weaveApi();
    const body = { model: await api.model(), inputs: { question: '2+2?' }, output: { answer: 4 } };
    expect(errorsOf(validatorOf(fixture.requestBody), body)).toEqual([]);
    const created = await api.send('POST', '/predictions', body);
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(errorsOf(validatorOf(fixture.responses['200']), created.body)).toEqual([]);
  });

  it('answers a body the schema refuses with 422 in HTTPValidationError, every issue at its loc', async () => {
    api = await weaveApi();
    const body = { inputs: 'not an object', evaluation_run_id: 7 };
    expect(errorsOf(validatorOf(fixture.requestBody), body)).not.toEqual([]);
    const refused = await api.send('POST', '/predictions', body);
    expect(refused.status).toBe(422);
    expect(errorsOf(validatorOf(fixture.responses['422']), refused.body)).toEqual([]);
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'model'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'inputs'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
      { loc: ['body', 'output'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'evaluation_run_id'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
  });

  it('answers malformed JSON with a 422 of the same schema', async () => {
    api = await weaveApi();
    const response = await fetch(`${api.url}/weave/v2/acme/evals/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(response.status).toBe(422);
    expect(errorsOf(validatorOf(fixture.responses['422']), await response.json())).toEqual([]);
  });
});
