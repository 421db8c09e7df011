import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

const dirs: string[] = [];
let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DIGEST = '[A-Za-z0-9]{43}';
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const refOf = (name: string, digest: string) => `weave:///acme/evals/object/${name}:${digest}`;

/** Creates and answers the body, which must be a 200. */
async function create(path: string, fields: unknown): Promise<Record<string, unknown>> {
  const { status, body } = await (api as WeaveTestApi).send('POST', path, fields);
  if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

describe('Weave scorers', () => {
  it('names a version by its content, answers its ref in `scorer`, and reads it with its score op', async () => {
    api = await weaveApi();
    const fields = { name: 'Exact Match', op_source_code: 'def score(output, label): ...' };
    const first = await create('/scorers', fields);
    expect(first).toEqual({
      digest: expect.stringMatching(new RegExp(`^${DIGEST}$`)),
      object_id: 'exact-match',
      version_index: 0,
      scorer: refOf('exact-match', first.digest as string),
    });
    expect(await create('/scorers', { op_source_code: fields.op_source_code, name: 'Exact Match' })).toEqual(
      first,
    );
    const changed = await create('/scorers', { ...fields, description: 'case-insensitive' });
    expect(changed).toMatchObject({ object_id: 'exact-match', version_index: 1 });

    const read = await api.send('GET', `/scorers/exact-match/versions/${first.digest}`);
    expect(read.body).toEqual({
      object_id: 'exact-match',
      digest: first.digest,
      version_index: 0,
      created_at: expect.stringMatching(TIME),
      name: 'Exact Match',
      description: null,
      score_op: expect.stringMatching(new RegExp(`^weave:///acme/evals/op/exact-match_score:${DIGEST}$`)),
    });
    expect((await api.lines('/scorers')).map((s) => [s.digest, s.description])).toEqual([
      [first.digest, null],
      [changed.digest, 'case-insensitive'],
    ]);
  });

  it('keeps its versions apart from a model of the same name, and deletes them', async () => {
    api = await weaveApi();
    const model = await create('/models', { name: 'exact', source_code: 'x' });
    const scorer = await create('/scorers', { name: 'exact', op_source_code: 'x' });
    expect(scorer.version_index).toBe(0);
    expect((await api.send('DELETE', '/scorers/exact')).body).toEqual({ num_deleted: 1 });
    expect((await api.send('GET', `/scorers/exact/versions/${scorer.digest}`)).body).toEqual({
      detail: `Scorer exact:${scorer.digest} not found`,
    });
    expect((await api.send('GET', `/models/exact/versions/${model.digest}`)).status).toBe(200);
  });

  it('refuses a body without a name or code, every issue at its loc', async () => {
    api = await weaveApi();
    const refused = await api.send('POST', '/scorers', { description: 1, extra: true });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'extra'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      { loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'description'], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['body', 'op_source_code'], msg: 'Field required', type: 'missing' },
    ]);
  });
});

describe('Weave datasets', () => {
  it('versions rows by content, answers no ref (as the service), and reads the rows as a table ref', async () => {
    api = await weaveApi();
    const rows = [
      { text: 'I love it', label: 'positive' },
      { text: 'Awful', label: 'negative' },
    ];
    const first = await create('/datasets', { name: 'Reviews', rows });
    expect(first).toEqual({ digest: expect.any(String), object_id: 'reviews', version_index: 0 });
    expect(
      await create('/datasets', {
        rows: rows.map((r) => ({ label: r.label, text: r.text })),
        name: 'Reviews',
      }),
    ).toEqual(first);
    const more = await create('/datasets', {
      name: 'Reviews',
      rows: [...rows, { text: 'Fine', label: 'neutral' }],
    });
    expect(more.version_index).toBe(1);

    const read = (await api.send('GET', `/datasets/reviews/versions/${first.digest}`)).body;
    expect(read).toEqual({
      object_id: 'reviews',
      digest: first.digest,
      version_index: 0,
      created_at: expect.stringMatching(TIME),
      name: 'Reviews',
      description: null,
      rows: expect.stringMatching(new RegExp(`^weave:///acme/evals/table/${DIGEST}$`)),
    });
    const listed = await api.lines('/datasets');
    expect(listed.map((d) => d.digest)).toEqual([first.digest, more.digest]);
    expect(listed[1]?.rows).not.toBe(read.rows);
  });

  it('names a dataset without a name `Dataset`', async () => {
    api = await weaveApi();
    const created = await create('/datasets', { rows: [] });
    expect(created).toMatchObject({ object_id: 'dataset', version_index: 0 });
    expect((await api.send('GET', `/datasets/dataset/versions/${created.digest}`)).body.name).toBe('Dataset');
    expect((await api.send('DELETE', `/datasets/dataset?digests=${created.digest}`)).body).toEqual({
      num_deleted: 1,
    });
    expect((await api.send('DELETE', '/datasets/dataset')).status).toBe(404);
  });

  it('refuses rows that are not a list of objects, each bad row at its index', async () => {
    api = await weaveApi();
    expect((await api.send('POST', '/datasets', { name: 'd' })).body.detail).toEqual([
      { loc: ['body', 'rows'], msg: 'Field required', type: 'missing' },
    ]);
    expect((await api.send('POST', '/datasets', { rows: { a: 1 } })).body.detail).toEqual([
      { loc: ['body', 'rows'], msg: 'Input should be a valid list', type: 'list_type' },
    ]);
    const refused = await api.send('POST', '/datasets', { rows: [{ a: 1 }, 'b', [3]] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'rows', 1], msg: 'Input should be a valid dictionary', type: 'dict_type' },
      { loc: ['body', 'rows', 2], msg: 'Input should be a valid dictionary', type: 'dict_type' },
    ]);
  });
});

describe('Weave evaluations', () => {
  /** A dataset's and two scorers' refs to name. */
  async function parts() {
    const dataset = await create('/datasets', { name: 'Reviews', rows: [{ text: 'ok' }] });
    // one after the other, so that lists show them in this order
    const scorers: string[] = [];
    for (const name of ['exact', 'confidence']) {
      scorers.push((await create('/scorers', { name, op_source_code: name })).scorer as string);
    }
    return { dataset: refOf('reviews', dataset.digest as string), scorers };
  }

  it('names a version by its content, defaults filled in, and reads back what it names', async () => {
    api = await weaveApi();
    const { dataset, scorers } = await parts();
    const fields = { name: 'Sentiment eval', dataset, scorers, evaluation_name: 'sentiment' };
    const first = await create('/evaluations', fields);
    expect(first).toEqual({
      digest: expect.any(String),
      object_id: 'sentiment-eval',
      version_index: 0,
      evaluation_ref: refOf('sentiment-eval', first.digest as string),
    });
    expect(await create('/evaluations', { ...fields, trials: 1, description: null })).toEqual(first);
    const read = (await api.send('GET', `/evaluations/sentiment-eval/versions/${first.digest}`)).body;
    expect(read).toEqual({
      object_id: 'sentiment-eval',
      digest: first.digest,
      version_index: 0,
      created_at: expect.stringMatching(TIME),
      name: 'Sentiment eval',
      description: null,
      dataset,
      scorers,
      trials: 1,
      evaluation_name: 'sentiment',
      evaluate_op: null,
      predict_and_score_op: null,
      summarize_op: null,
    });

    // no scorers, whether left out, `null` or `[]`, is one version
    const bare = await create('/evaluations', { name: 'Sentiment eval', dataset });
    expect(bare.version_index).toBe(1);
    expect(await create('/evaluations', { name: 'Sentiment eval', dataset, scorers: null })).toEqual(bare);
    expect(await create('/evaluations', { name: 'Sentiment eval', dataset, scorers: [] })).toEqual(bare);
    expect(
      (await api.lines('/evaluations?offset=1&limit=5')).map((e) => [e.version_index, e.scorers]),
    ).toEqual([[1, []]]);
    expect((await api.send('DELETE', '/evaluations/sentiment-eval')).body).toEqual({ num_deleted: 2 });
    expect(await api.lines('/evaluations')).toEqual([]);
  });

  it('refuses references of the wrong form and trials below 1, each at its loc', async () => {
    api = await weaveApi();
    const refused = await api.send('POST', '/evaluations', {
      name: 'e',
      dataset: 'reviews:v0',
      scorers: ['weave:///acme/evals/op/exact_score:abc', 7],
      trials: 0,
      eval_attributes: [],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      {
        loc: ['body', 'dataset'],
        msg: 'Value error, expected a reference weave:///{entity}/{project}/object/{name}:{digest}',
        type: 'value_error',
      },
      {
        loc: ['body', 'scorers', 0],
        msg: 'Value error, expected a reference weave:///{entity}/{project}/object/{name}:{digest}',
        type: 'value_error',
      },
      { loc: ['body', 'scorers', 1], msg: 'Input should be a valid string', type: 'string_type' },
      {
        loc: ['body', 'trials'],
        msg: 'Input should be greater than or equal to 1',
        type: 'greater_than_equal',
      },
      { loc: ['body', 'eval_attributes'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
    ]);
    expect(
      (await api.send('POST', '/evaluations', { name: 'e', dataset: refOf('d', 'x'), trials: 1.5 })).body
        .detail,
    ).toEqual([
      {
        loc: ['body', 'trials'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        type: 'int_from_float',
      },
    ]);
  });

  it('keeps its versions and refs across a restart with --data-dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-weave-'));
    dirs.push(dataDir);
    api = await weaveApi({ dataDir });
    const { dataset, scorers } = await parts();
    const fields = { name: 'Sentiment eval', dataset, scorers };
    const evaluation = await create('/evaluations', fields);
    await api.running.close();

    api = await weaveApi({ dataDir });
    expect(await create('/evaluations', fields)).toEqual(evaluation);
    expect(await parts()).toEqual({ dataset, scorers });
    expect((await api.lines('/scorers')).map((s) => s.object_id)).toEqual(['exact', 'confidence']);
  });
});
