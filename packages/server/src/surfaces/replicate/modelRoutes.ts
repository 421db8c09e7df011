import { type Context, Hono } from 'hono';
import { OWNER } from '../../catalog';
import { HttpError } from '../../http/HttpError';
import { LOCAL_USER } from '../../localUser';
import type { DemoModel } from '../../models/types';
import { avatarUrl } from '../../users/avatarUrl';
import type { SurfaceDeps } from '../Surface';
import { offsetPage } from './replicatePage';
import { collections, toReplicateDeployment, toReplicateModel, toReplicateVersion } from './toReplicateModel';
import { versionId } from './versionId';

const PAGE_SIZE = 25;
const SORT_BY = ['model_created_at', 'latest_version_created_at'] as const;

function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new HttpError(422, [
      { loc: ['query', name], msg: `Should be ${allowed.map((a) => `"${a}"`).join(' or ')}`, type: 'enum' },
    ]);
  }
  return value as T;
}

/** Models whose name, description, overview or categories hold every word of `query`. */
function search(models: readonly DemoModel[], query: string): DemoModel[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => {
    const text = [m.name, m.description, m.overview, ...m.categories.flatMap((x) => [x.name, x.slug])]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The query of `QUERY /models`: text, or a JSON string (the official client sends its text as JSON). */
function queryText(body: string): string {
  const text = body.trim();
  if (text.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string') return parsed;
    } catch {}
  }
  return text;
}

/** Replicate's models, versions, search, deployments, collections, hardware, account and webhook secret. */
export function modelRoutes({ catalog, origin, secrets }: SurfaceDeps): Hono {
  const app = new Hono();
  const modelNamed = (owner: string, name: string): DemoModel => {
    const model = owner === OWNER.username ? catalog.models.find((m) => m.name === name) : undefined;
    if (!model) throw new HttpError(404, `Model ${owner}/${name} not found.`);
    return model;
  };

  app.get('/models', (c) => {
    const by = oneOf(c, 'sort_by', SORT_BY, 'latest_version_created_at');
    const direction = oneOf(c, 'sort_direction', ['asc', 'desc'] as const, 'desc');
    const key = (m: DemoModel) =>
      Date.parse(by === 'model_created_at' ? m.created_at : (m.versions.at(-1)?.created_at ?? ''));
    const sorted = [...catalog.models].sort(
      (a, b) => (key(a) - key(b) || a.name.localeCompare(b.name)) * (direction === 'asc' ? 1 : -1),
    );
    return c.json(
      offsetPage(
        c,
        origin(c),
        sorted.map((m) => toReplicateModel(catalog, m, origin(c))),
        PAGE_SIZE,
      ),
    );
  });

  // the official client's models.search: the query is the body, as text
  app.on('QUERY', '/models', async (c) => {
    const found = search(catalog.models, queryText(await c.req.text()));
    return c.json(
      offsetPage(
        c,
        origin(c),
        found.map((m) => toReplicateModel(catalog, m, origin(c))),
        PAGE_SIZE,
      ),
    );
  });

  app.get('/search', (c) => {
    const query = c.req.query('query') ?? '';
    const limit = Number(c.req.query('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw new HttpError(422, [
        { loc: ['query', 'limit'], msg: 'Should be a whole number from 1 to 50', type: 'value_error' },
      ]);
    }
    const found = search(catalog.models, query).slice(0, limit);
    return c.json({
      query,
      models: found.map((m) => ({
        model: toReplicateModel(catalog, m, origin(c)),
        metadata: { generated_description: m.description, tags: m.categories.map((x) => x.slug), score: 1 },
      })),
      collections: collections(catalog)
        .filter((x) => x.models.some((m) => found.includes(m)))
        .map(({ models: _, ...collection }) => collection),
      pages: [],
    });
  });

  app.get('/models/:owner/:name', (c) =>
    c.json(toReplicateModel(catalog, modelNamed(c.req.param('owner'), c.req.param('name')), origin(c))),
  );

  app.get('/models/:owner/:name/versions', (c) => {
    const model = modelNamed(c.req.param('owner'), c.req.param('name'));
    const newestFirst = [...model.versions].reverse().map((v) => toReplicateVersion(model, v));
    return c.json(offsetPage(c, origin(c), newestFirst, PAGE_SIZE));
  });

  app.get('/models/:owner/:name/versions/:id', (c) => {
    const model = modelNamed(c.req.param('owner'), c.req.param('name'));
    const id = c.req.param('id');
    const version = model.versions.find((v) => versionId(model, v) === id);
    if (!version)
      throw new HttpError(404, `Version ${id.slice(0, 100)} of ${OWNER.username}/${model.name} not found.`);
    return c.json(toReplicateVersion(model, version));
  });

  app.get('/deployments', (c) =>
    c.json(offsetPage(c, origin(c), catalog.models.map(toReplicateDeployment), PAGE_SIZE)),
  );

  app.get('/deployments/:owner/:name', (c) => {
    const [owner, name] = [c.req.param('owner'), c.req.param('name')];
    const model = owner === OWNER.username ? catalog.models.find((m) => m.name === name) : undefined;
    if (!model) throw new HttpError(404, `Deployment ${owner}/${name} not found.`);
    return c.json(toReplicateDeployment(model));
  });

  app.get('/collections', (c) =>
    c.json(
      offsetPage(
        c,
        origin(c),
        collections(catalog).map(({ models: _, ...collection }) => collection),
        PAGE_SIZE,
      ),
    ),
  );

  app.get('/collections/:slug', (c) => {
    const collection = collections(catalog).find((x) => x.slug === c.req.param('slug'));
    if (!collection) throw new HttpError(404, `Collection ${c.req.param('slug').slice(0, 100)} not found.`);
    return c.json({
      ...collection,
      models: collection.models.map((m) => toReplicateModel(catalog, m, origin(c))),
    });
  });

  // a bare list, as Replicate sends it
  app.get('/hardware', (c) => {
    const unique = new Map(catalog.models.map((m) => [m.hardware.identifier, m.hardware]));
    return c.json([...unique.values()].map((h) => ({ name: h.name, sku: h.identifier })));
  });

  app.get('/account', (c) =>
    c.json({
      type: 'user',
      username: LOCAL_USER.username,
      name: LOCAL_USER.name,
      github_url: null,
      avatar_url: avatarUrl(origin(c), LOCAL_USER.id),
    }),
  );

  app.get('/webhooks/default/secret', (c) => c.json({ key: secrets.webhookSecret }));

  return app;
}
