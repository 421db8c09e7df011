import type { JsonSchema } from '../types';
import { isRecord } from './isRecord';

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
  // Through JSON text: the smallest code that repoints every reference (enums are `allOf: [{$ref}]`).
  const $defs = JSON.parse(
    JSON.stringify(schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
  ) as Record<string, JsonSchema>;
  return {
    input: { ...$defs.Input, $defs },
    output: { ...(isRecord($defs.Output) ? $defs.Output : {}), $defs },
  };
}
