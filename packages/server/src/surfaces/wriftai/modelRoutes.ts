import { type Context, Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { offsetPage } from '../../http/pagination';
import type { ModelEntry } from '../../registry/ModelEntry';
import type { SurfaceDeps } from '../Surface';
import { parseVersionNumber } from './parseVersionNumber';
import { queryChoice, searchWords } from './queryChoice';
import { toWriftaiModel, toWriftaiVersion } from './toWriftaiModel';

const SORT_FIELDS = ['created_at', 'predictions_count'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;

/** WriftAI's model reads: lists, search, a model, its versions, hardware and categories. */
export function modelRoutes({ registry, origin, caller }: SurfaceDeps): Hono {
  const app = new Hono();
  const url = (c: Context) => new URL(c.req.url);

  const sorted = (c: Context, models: readonly ModelEntry[]) => {
    const by = queryChoice(c, 'sort_by', SORT_FIELDS, 'created_at');
    const direction = queryChoice(c, 'sort_direction', DIRECTIONS, 'desc');
    const slugs = c.req.queries('category_slugs') ?? [];
    const here = origin(c);
    const rows = models
      .filter((m) => slugs.length === 0 || m.categories.some((category) => slugs.includes(category.slug)))
      .map((m) => ({
        created: Date.parse(m.created_at),
        row: toWriftaiModel(m, registry.predictionsCount(m), here, false),
      }));
    const key = ({ created, row }: (typeof rows)[number]) =>
      by === 'created_at' ? created : row.predictions_count;
    // ties fall back to the owner and name so that paging is stable
    rows.sort(
      (a, b) =>
        (key(a) - key(b) ||
          a.row.owner.username.localeCompare(b.row.owner.username) ||
          a.row.name.localeCompare(b.row.name)) * (direction === 'asc' ? 1 : -1),
    );
    return rows.map(({ row }) => row);
  };

  // public models only, as the service lists them; a caller's private ones are under /user/models
  app.get('/models', (c) =>
    c.json(
      offsetPage(
        url(c),
        sorted(
          c,
          registry.models(caller(c)).filter((m) => m.visibility === 'public'),
        ),
      ),
    ),
  );

  app.get('/models/:owner', (c) => {
    const owner = c.req.param('owner');
    if (!registry.userNamed(owner)) throw new HttpError(404, `User ${owner} not found.`);
    const models = registry.models(caller(c)).filter((m) => m.owner.username === owner);
    return c.json(offsetPage(url(c), sorted(c, models)));
  });

  app.get('/models/:owner/:name', (c) => {
    const entry = registry.visible(caller(c), c.req.param('owner'), c.req.param('name'));
    return c.json(toWriftaiModel(entry, registry.predictionsCount(entry), origin(c), true));
  });

  app.get('/models/:owner/:name/versions', (c) => {
    const entry = registry.visible(caller(c), c.req.param('owner'), c.req.param('name'));
    const newestFirst = [...entry.versions].reverse().map((v) => toWriftaiVersion(v, false));
    return c.json(offsetPage(url(c), newestFirst));
  });

  app.get('/models/:owner/:name/versions/:number', (c) => {
    const entry = registry.visible(caller(c), c.req.param('owner'), c.req.param('name'));
    const version = registry.version(entry, parseVersionNumber(c.req.param('number')));
    return c.json(toWriftaiVersion(version, true));
  });

  // what the caller may see: public models, and their own private ones
  app.get('/search/models', (c) => {
    const words = searchWords(c);
    const matches = registry.models(caller(c)).filter((m) => {
      const text = [
        m.owner.username,
        m.name,
        m.description,
        m.overview,
        ...m.categories.flatMap((x) => [x.name, x.slug]),
      ]
        .join(' ')
        .toLowerCase();
      return words.every((word) => text.includes(word));
    });
    return c.json(offsetPage(url(c), sorted(c, matches)));
  });

  app.get('/hardware', (c) => c.json(offsetPage(url(c), registry.hardware)));

  app.get('/model_categories', (c) => c.json(offsetPage(url(c), registry.categories)));

  return app;
}
