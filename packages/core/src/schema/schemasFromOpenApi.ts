import type { JsonSchema } from '../types';
import { isRecord } from './isRecord';

const COMPONENTS = '#/components/schemas/';

/** A copy of `node` with every `$ref` into `#/components/schemas/` pointed at `#/$defs/` instead. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENTS)
        ? `#/$defs/${value.slice(COMPONENTS.length)}`
        : rebase(value);
  }
  return out;
}

/**
 * A Cog model's input and output as JSON Schemas of their own, from the OpenAPI document it
 * publishes (Replicate's `openapi_schema`): `Input` and `Output` from `components.schemas`, each
 * carrying the document's schemas in `$defs` so that its references (enums are `allOf: [{$ref}]`)
 * resolve inside it, with any JSON Schema tool. `undefined` when the document has no `Input`.
 */
export function schemasFromOpenApi(document: unknown): { input: JsonSchema; output: JsonSchema } | undefined {
  const schemas =
    isRecord(document) && isRecord(document.components) ? document.components.schemas : undefined;
  if (!isRecord(schemas) || !isRecord(schemas.Input)) return undefined;
  const $defs = rebase(schemas) as Record<string, JsonSchema>;
  return {
    input: { ...$defs.Input, $defs },
    output: { ...(isRecord($defs.Output) ? $defs.Output : {}), $defs },
  };
}
