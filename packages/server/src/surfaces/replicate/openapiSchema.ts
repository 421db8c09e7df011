import type { JsonSchema } from '@predictkit/core';
import type { DemoVersion } from '../../models/types';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const COMPONENT_REF = '#/components/schemas/';

/**
 * One JSON Schema (draft 2020-12, as the demo models declare them) in the OpenAPI 3.0 form Cog
 * writes: refs into `components.schemas`; an enum field as `allOf: [{$ref}]` with no type or title
 * of its own; `anyOf: [T, {type: "null"}]` as T with `nullable: true` and no `null` default (a
 * field left blank); a text stream's output marked `x-cog-array-type: iterator`; the media types an
 * input file takes as `x-cog-accept`, the field newer Cog writes for them and Cog's playground reads
 * (`contentMediaType` is not Cog's).
 */
function toCog(schema: Schema, input: boolean): Schema {
  let out: Schema = { ...schema };
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const types = anyOf.filter(isSchema);
    const value = types.find((s) => s.type !== 'null');
    if (value && types.some((s) => s.type === 'null')) {
      const { anyOf: _, ...rest } = out;
      out = { ...value, ...rest, nullable: true };
      if (out.default === null) delete out.default;
    }
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace(/^#\/\$defs\//, COMPONENT_REF);
  if (Array.isArray(out.allOf)) {
    const allOf = out.allOf.map((part) => (isSchema(part) ? toCog(part, input) : part));
    out.allOf = allOf;
    if (allOf.length === 1 && typeof (allOf[0] as Schema).$ref === 'string') delete out.title;
  }
  if (isSchema(out.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([name, field]) => [
        name,
        isSchema(field) ? toCog(field, input) : field,
      ]),
    );
  }
  if (isSchema(out.items)) out.items = toCog(out.items, input);
  if (input && out.format === 'uri' && typeof out.contentMediaType === 'string') {
    out['x-cog-accept'] = out.contentMediaType;
    delete out.contentMediaType;
  }
  if (out.type === 'array' && out['x-cog-array-display'] === 'concatenate') {
    out['x-cog-array-type'] = 'iterator';
  }
  delete out.$defs;
  return out;
}

/** Whether a version's output is a stream of chunks: such predictions offer `urls.stream`. */
export function streams(version: DemoVersion): boolean {
  const output = version.output as Schema;
  return (
    output.type === 'array' &&
    (output['x-cog-array-display'] === 'concatenate' || output['x-cog-array-type'] === 'iterator')
  );
}

const ref = (name: string) => ({ $ref: `${COMPONENT_REF}${name}` });
const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });

/**
 * A version's `openapi_schema`, as Replicate serves Cog's: an OpenAPI 3.0.2 document whose
 * `components.schemas` hold `Input` and `Output` (built from the model's JSON Schemas), each enum
 * as a component of its own (`{title, type, enum, description: "An enumeration."}`), and the
 * request and response envelopes of `POST /predictions`.
 */
export function openapiSchema(version: DemoVersion): Schema {
  const input = version.input as JsonSchema;
  const enums = Object.fromEntries(
    Object.entries(isSchema(input.$defs) ? input.$defs : {}).map(([name, def]) => [
      name,
      isSchema(def) ? toCog(def, true) : def,
    ]),
  );
  return {
    openapi: '3.0.2',
    info: { title: 'Cog', version: '0.1.0' },
    paths: {
      '/predictions': {
        post: {
          summary: 'Predict',
          operationId: 'predict_predictions_post',
          ...(streams(version) ? { 'x-cog-streaming': true } : {}),
          requestBody: json(ref('PredictionRequest')),
          responses: {
            '200': { description: 'Successful Response', ...json(ref('PredictionResponse')) },
          },
        },
      },
    },
    components: {
      schemas: {
        Input: toCog(input, true),
        Output: toCog(version.output as Schema, false),
        ...enums,
        Status: {
          title: 'Status',
          type: 'string',
          description: 'An enumeration.',
          enum: ['starting', 'processing', 'succeeded', 'canceled', 'failed'],
        },
        WebhookEvent: {
          title: 'WebhookEvent',
          type: 'string',
          description: 'An enumeration.',
          enum: ['start', 'output', 'logs', 'completed'],
        },
        PredictionRequest: {
          title: 'PredictionRequest',
          type: 'object',
          properties: {
            id: { title: 'Id', type: 'string' },
            input: ref('Input'),
            webhook: { title: 'Webhook', type: 'string', format: 'uri', maxLength: 65536, minLength: 1 },
            created_at: { title: 'Created At', type: 'string', format: 'date-time' },
            webhook_events_filter: {
              type: 'array',
              items: ref('WebhookEvent'),
              default: ['start', 'output', 'logs', 'completed'],
            },
          },
        },
        PredictionResponse: {
          title: 'PredictionResponse',
          type: 'object',
          properties: {
            id: { title: 'Id', type: 'string' },
            input: ref('Input'),
            output: ref('Output'),
            logs: { title: 'Logs', type: 'string', default: '' },
            error: { title: 'Error', type: 'string' },
            status: ref('Status'),
            metrics: { title: 'Metrics', type: 'object' },
            created_at: { title: 'Created At', type: 'string', format: 'date-time' },
            started_at: { title: 'Started At', type: 'string', format: 'date-time' },
            completed_at: { title: 'Completed At', type: 'string', format: 'date-time' },
          },
        },
      },
    },
  };
}
