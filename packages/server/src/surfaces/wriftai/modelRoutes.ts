import { type Context, Hono } from 'hono';
import { type Catalog, OWNER } from '../../catalog';
import { HttpError } from '../../http/HttpError';
import { offsetPage } from '../../http/pagination';
import type { DemoModel } from '../../models/types';
import { parseVersionNumber } from './predictionRoutes';

const SORT_FIELDS = ['created_at', 'predictions_count'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;

function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new HttpError(422, [
      {
        loc: ['query', name],
        msg: `Input should be ${allowed.map((a) => `'${a}'`).join(' or ')}`,
        type: 'enum',
      },
    ]);
  }
  return value as T;
}

export function modelRoutes(catalog: Catalog): Hono {
  const app = new Hono();
  const url = (c: Context) => new URL(c.req.url);

  const sorted = (c: Context, models: readonly DemoModel[]) => {
    const by = oneOf(c, 'sort_by', SORT_FIELDS, 'created_at');
    const direction = oneOf(c, 'sort_direction', DIRECTIONS, 'desc');
    const slugs = c.req.queries('category_slugs') ?? [];
    const rows = models
      .filter((m) => slugs.length === 0 || m.categories.some((category) => slugs.includes(category.slug)))
      .map((m) => ({ created: Date.parse(m.created_at), row: catalog.summary(m) }));
    const key = ({ created, row }: (typeof rows)[number]) =>
      by === 'created_at' ? created : row.predictions_count;
    // ties fall back to the name so that paging is stable
    rows.sort(
      (a, b) => (key(a) - key(b) || a.row.name.localeCompare(b.row.name)) * (direction === 'asc' ? 1 : -1),
    );
    return rows.map(({ row }) => row);
  };

  app.get('/models', (c) => c.json(offsetPage(url(c), sorted(c, catalog.models))));

  app.get('/models/:owner', (c) => {
    const owner = c.req.param('owner');
    if (owner !== OWNER.username) throw new HttpError(404, `User ${owner} not found.`);
    return c.json(offsetPage(url(c), sorted(c, catalog.models)));
  });

  app.get('/models/:owner/:name', (c) =>
    c.json(catalog.details(catalog.find(c.req.param('owner'), c.req.param('name')))),
  );

  app.get('/models/:owner/:name/versions', (c) => {
    const model = catalog.find(c.req.param('owner'), c.req.param('name'));
    const newestFirst = [...model.versions].reverse().map((v) => catalog.version(model, v, false));
    return c.json(offsetPage(url(c), newestFirst));
  });

  app.get('/models/:owner/:name/versions/:number', (c) => {
    const model = catalog.find(c.req.param('owner'), c.req.param('name'));
    const version = catalog.findVersion(model, parseVersionNumber(c.req.param('number')));
    return c.json(catalog.version(model, version, true));
  });

  app.get('/search/models', (c) => {
    const q = c.req.query('q');
    if (q === undefined)
      throw new HttpError(422, [{ loc: ['query', 'q'], msg: 'Field required', type: 'missing' }]);
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = catalog.models.filter((m) => {
      const text = [m.name, m.description, m.overview, ...m.categories.flatMap((x) => [x.name, x.slug])]
        .join(' ')
        .toLowerCase();
      return words.every((word) => text.includes(word));
    });
    return c.json(offsetPage(url(c), sorted(c, matches)));
  });

  app.get('/hardware', (c) => {
    const unique = new Map(catalog.models.map((m) => [m.hardware.identifier, m.hardware]));
    return c.json(offsetPage(url(c), [...unique.values()]));
  });

  app.get('/model_categories', (c) => {
    const unique = new Map(catalog.models.flatMap((m) => m.categories.map((x) => [x.slug, x] as const)));
    return c.json(
      offsetPage(
        url(c),
        [...unique.values()].sort((a, b) => a.name.localeCompare(b.name)),
      ),
    );
  });

  return app;
}
