/** An object version's reference as Weave writes it: `weave:///{entity}/{project}/object/{name}:{digest}`. */
export function formatObjectRef(project: string, objectId: string, digest: string): string {
  return `weave:///${project}/object/${objectId}:${digest}`;
}

const OBJECT_REF = /^weave:\/\/\/[^/\s]+\/[^/\s]+\/object\/[^/:\s]+:[^/:\s]+$/;

/**
 * Whether `value` is a reference to an object version, in this project or another. Op and call
 * references are not: a model, evaluation or scorer is an object, and the service refuses the rest.
 */
export function isObjectRef(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 2000 && OBJECT_REF.test(value);
}
