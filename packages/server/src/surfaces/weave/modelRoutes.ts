import type { SurfaceDeps } from '../Surface';
import { type ObjectKind, objectRoutes } from './objectRoutes';

/** The store's kind of a model's versions; their group is the model's object id. */
export const MODEL = 'model';

/** Weave's models (`ModelCreateBody`, `ModelReadRes`): what predictions and evaluation runs name. */
export const modelKind: ObjectKind = {
  kind: MODEL,
  path: 'models',
  noun: 'Model',
  fields: ['name', 'description', 'source_code', 'attributes'],
  read: (body) => ({
    name: body.text('name', { required: true }),
    description: body.text('description') ?? null,
    source_code: body.text('source_code', { required: true }),
    attributes: body.record('attributes') ?? null,
  }),
  refField: 'model_ref',
  show: ({ name, description, source_code, attributes }) => ({ name, description, source_code, attributes }),
};

/** Weave's v2 models, versioned by content (see `objectRoutes`). */
export const modelRoutes = (deps: SurfaceDeps) => objectRoutes(deps, modelKind);
