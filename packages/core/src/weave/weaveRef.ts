import { invalid } from '../errors';

/** What a `weave:///{entity}/{project}/object/{name}:{digest}` reference names. */
export interface WeaveRef {
  entity: string;
  project: string;
  /** `object` for models, datasets, scorers and evaluations; `op` for code. */
  kind: 'object' | 'op';
  name: string;
  digest: string;
}

const REF = /^weave:\/\/\/([^/\s]+)\/([^/\s]+)\/(object|op)\/([^/:\s]+):([^/:\s]+)$/;

/** A `weave:///…/object/{name}:{digest}` (or `/op/`) reference's parts; a `TypeError` for anything else. */
export function parseWeaveRef(ref: string): WeaveRef {
  const m = typeof ref === 'string' ? REF.exec(ref) : null;
  if (!m) {
    throw invalid('parseWeaveRef', 'ref', 'weave:///{entity}/{project}/object/{name}:{digest}', ref);
  }
  const [, entity, project, kind, name, digest] = m as unknown as string[];
  return { entity, project, kind, name, digest } as WeaveRef;
}

/** The reference of an object (or op) version: three slashes, then the project, the kind, `name:digest`. */
export function formatWeaveRef({
  entity,
  project,
  kind = 'object',
  name,
  digest,
}: Partial<WeaveRef>): string {
  const ref = `weave:///${entity}/${project}/${kind}/${name}:${digest}`;
  // Refuses a part that is missing, empty, or holds `/`, `:` or whitespace.
  parseWeaveRef(ref);
  return ref;
}

export const isWeaveRef = (v: unknown): v is string => typeof v === 'string' && REF.test(v);
