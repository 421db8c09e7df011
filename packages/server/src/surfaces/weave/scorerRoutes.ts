import type { SurfaceDeps } from '../Surface';
import { contentDigest } from './contentDigest';
import { type ObjectKind, objectRoutes } from './objectRoutes';

/** The store's kind of a scorer's versions; their group is the scorer's object id. */
export const SCORER = 'scorer';

/**
 * Weave's scorers (`ScorerCreateBody`, `ScorerCreateRes` with its reference in `scorer`,
 * `ScorerReadRes`): what scores name. The service also saves the code as an op named
 * `{id}_score` and reads back that op's reference as `score_op`; no op is kept here, so `score_op`
 * is the reference that op would have, its digest the code's.
 */
export const scorerKind: ObjectKind = {
  kind: SCORER,
  path: 'scorers',
  noun: 'Scorer',
  fields: ['name', 'description', 'op_source_code'],
  read: (body) => ({
    name: body.text('name', { required: true }),
    description: body.text('description') ?? null,
    op_source_code: body.text('op_source_code', { required: true }),
  }),
  refField: 'scorer',
  show: ({ name, description, object_id, op_source_code }, project) => ({
    name,
    description,
    score_op: `weave:///${project}/op/${object_id}_score:${contentDigest(op_source_code)}`,
  }),
};

/** Weave's v2 scorers, versioned by content (see `objectRoutes`). */
export const scorerRoutes = (deps: SurfaceDeps) => objectRoutes(deps, scorerKind);
