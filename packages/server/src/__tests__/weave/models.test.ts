import { afterEach, describe, expect, it } from 'vitest';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

const REF = /^weave:\/\/\/acme\/evals\/object\/my-classifier:([A-Za-z0-9]{43})$/;

describe('Weave models', () => {
  it('names a version by its content: the same model is the same ref, a change the next version', async () => {
    api = await weaveApi();
    const fields = { name: 'My Classifier', source_code: 'v1', attributes: { temperature: 0.2, top_k: 3 } };
    const first = await api.send('POST', '/models', fields);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ object_id: 'my-classifier', version_index: 0 });
    expect(first.body.model_ref).toMatch(REF);
    expect(REF.exec(first.body.model_ref as string)?.[1]).toBe(first.body.digest);
    // the same content, its keys in another order
    const again = await api.send('POST', '/models', {
      attributes: { top_k: 3, temperature: 0.2 },
      source_code: 'v1',
      name: 'My Classifier',
    });
    expect(again.body).toEqual(first.body);
    const changed = await api.send('POST', '/models', { ...fields, source_code: 'v2' });
    expect(changed.body).toMatchObject({ object_id: 'my-classifier', version_index: 1 });
    expect(changed.body.digest).not.toBe(first.body.digest);

    const read = await api.send('GET', `/models/my-classifier/versions/${first.body.digest}`);
    expect(read.body).toEqual({
      object_id: 'my-classifier',
      digest: first.body.digest,
      version_index: 0,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      name: 'My Classifier',
      description: null,
      source_code: 'v1',
      attributes: { temperature: 0.2, top_k: 3 },
    });
    expect((await api.lines('/models')).map((m) => m.digest)).toEqual([
      first.body.digest,
      changed.body.digest,
    ]);
  });

  it('deletes some versions or all of them, and answers 404 once none is left', async () => {
    api = await weaveApi();
    const digests: string[] = [];
    for (const code of ['a', 'b', 'c']) {
      digests.push(
        (await api.send('POST', '/models', { name: 'M', source_code: code })).body.digest as string,
      );
    }
    expect((await api.send('DELETE', `/models/m?digests=${digests[0]}`)).body).toEqual({ num_deleted: 1 });
    expect((await api.send('GET', `/models/m/versions/${digests[0]}`)).status).toBe(404);
    expect((await api.send('DELETE', '/models/m')).body).toEqual({ num_deleted: 2 });
    expect(await api.send('DELETE', '/models/m')).toMatchObject({
      status: 404,
      body: { detail: 'Model m not found' },
    });
  });

  it('refuses a name with nothing to make an id of, and a missing source', async () => {
    api = await weaveApi();
    const refused = await api.send('POST', '/models', { name: '***', description: 3 });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'description'], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['body', 'source_code'], msg: 'Field required', type: 'missing' },
    ]);
    expect((await api.send('POST', '/models', { name: '***', source_code: 'x' })).body.detail).toMatchObject([
      { loc: ['body', 'name'], type: 'value_error' },
    ]);
  });
});
