import { Hono } from 'hono';
import { HttpError, notFound } from '../../http/HttpError';
import { readJsonBody } from '../../http/readJsonBody';
import type { Store, WeaveRecord } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { contentDigest } from './contentDigest';
import { jsonLinesResponse } from './jsonLinesResponse';
import { readLimitOffset, readQueryList } from './listQuery';
import { objectIdOf } from './objectIdOf';
import { projectOf } from './projectOf';
import { WeaveBody } from './WeaveBody';
import { formatObjectRef } from './weaveRef';

/**
 * One kind of Weave's versioned objects (models, scorers, datasets, evaluations): how its create
 * body is read and how its versions are shown. Its versions are the store's records of `kind`,
 * grouped by object id.
 */
export interface ObjectKind {
  /** The store's kind, e.g. `model`. */
  kind: string;
  /** Its routes' segment under the project, e.g. `models`. */
  path: string;
  /** What messages call it, e.g. `Model`. */
  noun: string;
  /** The create body's fields; any other is refused, as by the service's pydantic models. */
  fields: readonly string[];
  /**
   * The version's content from the create body (`name` included), issues collected in `body`. Its
   * digest names the version, so equal content must give equal objects here (defaults filled in).
   */
  read(body: WeaveBody): Record<string, unknown>;
  /** The field of the create answer that holds the version's reference, when the service sends one. */
  refField?: string;
  /** The version's fields past `object_id`, `digest`, `version_index` and `created_at`. */
  show(data: Record<string, unknown>, project: string): Record<string, unknown>;
}

/** A version as the v2 read and list answer it. */
function showVersion(spec: ObjectKind, { project, data }: WeaveRecord) {
  return {
    object_id: data.object_id,
    digest: data.digest,
    version_index: data.version_index,
    created_at: data.created_at,
    ...spec.show(data, project),
  };
}

/** Every stored version of one object, oldest first (an object has few). */
function versionsOf(store: Store, kind: string, project: string, objectId: string): WeaveRecord[] {
  const versions: WeaveRecord[] = [];
  for (let after = 0; ; ) {
    const batch = store.listWeave({ kind, project, group: objectId, after, limit: 100 });
    versions.push(...batch);
    if (batch.length < 100) return versions;
    after = (batch.at(-1) as WeaveRecord).seq;
  }
}

/**
 * Weave's v2 routes of one kind of versioned object: create, read a version, list (JSONL), delete.
 * A version is named by the digest of its content, so creating the same object again answers the
 * version that exists, with its reference (`weave:///{entity}/{project}/object/{id}:{digest}`), and
 * a change makes the next version.
 */
export function objectRoutes({ store }: SurfaceDeps, spec: ObjectKind): Hono {
  const app = new Hono();
  const base = `/v2/:entity/:project/${spec.path}`;

  app.post(base, async (c) => {
    const project = projectOf(c);
    const body = new WeaveBody(await readJsonBody(c), spec.fields);
    const content = spec.read(body);
    body.done();
    const objectId = objectIdOf(content.name as string);
    if (objectId === undefined) {
      throw new HttpError(422, [
        {
          loc: ['body', 'name'],
          msg: 'Value error, a name needs a letter or digit to make an object id of',
          type: 'value_error',
        },
      ]);
    }
    const digest = contentDigest(content);
    const id = `${objectId}:${digest}`;
    let version = store.getWeave(spec.kind, project, id);
    if (!version) {
      const last = versionsOf(store, spec.kind, project, objectId).at(-1);
      version = store.putWeave({
        kind: spec.kind,
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
      ...(spec.refField && { [spec.refField]: formatObjectRef(project, objectId, digest) }),
    });
  });

  app.get(base, (c) => {
    const project = projectOf(c);
    return jsonLinesResponse(
      {
        batch: (after, limit) => store.listWeave({ kind: spec.kind, project, after, limit }),
        show: (record) => showVersion(spec, record),
      },
      readLimitOffset(c),
    );
  });

  app.get(`${base}/:objectId/versions/:digest`, (c) => {
    const { objectId, digest } = c.req.param();
    const version = store.getWeave(spec.kind, projectOf(c), `${objectId}:${digest}`);
    if (!version) throw notFound(`${spec.noun} ${objectId}:${digest} not found`);
    return c.json(showVersion(spec, version));
  });

  app.delete(`${base}/:objectId`, (c) => {
    const project = projectOf(c);
    const objectId = c.req.param('objectId');
    const digests = readQueryList(c, 'digests');
    const deleted = store.deleteWeave(
      spec.kind,
      project,
      digests ? { ids: digests.map((digest) => `${objectId}:${digest}`) } : { group: objectId },
    );
    if (deleted === 0) throw notFound(`${spec.noun} ${objectId} not found`);
    return c.json({ num_deleted: deleted });
  });

  return app;
}
