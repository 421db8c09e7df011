import { Hono } from 'hono';
import { HttpError, notFound } from '../../http/HttpError';
import { readJsonBody } from '../../http/readJsonBody';
import type { WeaveRecord } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { contentDigest } from './contentDigest';
import { jsonLinesResponse } from './jsonLinesResponse';
import { readLimitOffset, readQueryList } from './listQuery';
import { objectIdOf } from './objectIdOf';
import { projectOf } from './projectOf';
import { WeaveBody } from './WeaveBody';
import { formatObjectRef } from './weaveRef';

/** The store's kind of a model's versions; their group is the model's object id. */
export const MODEL = 'model';

/** A model version as the v2 read and list answer it (`ModelReadRes`). */
export function showModel({ data }: WeaveRecord) {
  return {
    object_id: data.object_id,
    digest: data.digest,
    version_index: data.version_index,
    created_at: data.created_at,
    name: data.name,
    description: data.description,
    source_code: data.source_code,
    attributes: data.attributes,
  };
}

/** Every stored version of one model, oldest first (a model has few). */
function versionsOf(store: SurfaceDeps['store'], project: string, objectId: string): WeaveRecord[] {
  const versions: WeaveRecord[] = [];
  for (let after = 0; ; ) {
    const batch = store.listWeave({ kind: MODEL, project, group: objectId, after, limit: 100 });
    versions.push(...batch);
    if (batch.length < 100) return versions;
    after = (batch.at(-1) as WeaveRecord).seq;
  }
}

/**
 * Weave's v2 models: versioned objects whose references (`weave:///{entity}/{project}/object/{id}:{digest}`)
 * predictions and evaluation runs name. The digest is the content's, so creating the same model again
 * answers the version that exists, with its reference, and a change makes the next version.
 */
export function modelRoutes({ store }: SurfaceDeps): Hono {
  const app = new Hono();
  const base = '/v2/:entity/:project/models';

  app.post(base, async (c) => {
    const project = projectOf(c);
    const body = new WeaveBody(await readJsonBody(c), ['name', 'description', 'source_code', 'attributes']);
    const name = body.text('name', { required: true });
    const description = body.text('description') ?? null;
    const sourceCode = body.text('source_code', { required: true });
    const attributes = body.record('attributes') ?? null;
    body.done();
    const objectId = objectIdOf(name as string);
    if (objectId === undefined) {
      throw new HttpError(422, [
        {
          loc: ['body', 'name'],
          msg: 'Value error, a name needs a letter or digit to make an object id of',
          type: 'value_error',
        },
      ]);
    }
    const content = { name, description, source_code: sourceCode, attributes };
    const digest = contentDigest(content);
    const id = `${objectId}:${digest}`;
    let version = store.getWeave(MODEL, project, id);
    if (!version) {
      const last = versionsOf(store, project, objectId).at(-1);
      version = store.putWeave({
        kind: MODEL,
        project,
        id,
        group: objectId,
        data: {
          ...content,
          object_id: objectId,
          digest,
          version_index: last ? (last.data.version_index as number) + 1 : 0,
          created_at: isoTimestamp(),
        },
      });
    }
    return c.json({
      digest,
      object_id: objectId,
      version_index: version.data.version_index,
      model_ref: formatObjectRef(project, objectId, digest),
    });
  });

  app.get(base, (c) => {
    const project = projectOf(c);
    return jsonLinesResponse(
      { batch: (after, limit) => store.listWeave({ kind: MODEL, project, after, limit }), show: showModel },
      readLimitOffset(c),
    );
  });

  app.get(`${base}/:objectId/versions/:digest`, (c) => {
    const { objectId, digest } = c.req.param();
    const version = store.getWeave(MODEL, projectOf(c), `${objectId}:${digest}`);
    if (!version) throw notFound(`Model ${objectId}:${digest} not found`);
    return c.json(showModel(version));
  });

  app.delete(`${base}/:objectId`, (c) => {
    const project = projectOf(c);
    const objectId = c.req.param('objectId');
    const digests = readQueryList(c, 'digests');
    const deleted = store.deleteWeave(
      MODEL,
      project,
      digests ? { ids: digests.map((digest) => `${objectId}:${digest}`) } : { group: objectId },
    );
    if (deleted === 0) throw notFound(`Model ${objectId} not found`);
    return c.json({ num_deleted: deleted });
  });

  return app;
}
