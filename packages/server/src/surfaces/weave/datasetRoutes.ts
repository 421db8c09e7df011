import type { SurfaceDeps } from '../Surface';
import { contentDigest } from './contentDigest';
import { type ObjectKind, objectRoutes } from './objectRoutes';

/** The store's kind of a dataset's versions; their group is the dataset's object id. */
export const DATASET = 'dataset';

/**
 * Weave's datasets (`DatasetCreateBody`, `DatasetReadRes`). As the service's: a create without a
 * name makes the object `Dataset`; its answer holds no reference (`DatasetCreateRes` has none, so
 * a client makes it from the id and digest); and a read shows the rows as the reference of the
 * table that holds them (`weave:///{entity}/{project}/table/{digest}`), not the rows themselves.
 */
export const datasetKind: ObjectKind = {
  kind: DATASET,
  path: 'datasets',
  noun: 'Dataset',
  fields: ['name', 'description', 'rows'],
  read: (body) => ({
    name: body.text('name') ?? 'Dataset',
    description: body.text('description') ?? null,
    rows: body.records('rows'),
  }),
  show: ({ name, description, rows }, project) => ({
    name,
    description,
    rows: `weave:///${project}/table/${contentDigest(rows)}`,
  }),
};

/** Weave's v2 datasets, versioned by content (see `objectRoutes`). */
export const datasetRoutes = (deps: SurfaceDeps) => objectRoutes(deps, datasetKind);
