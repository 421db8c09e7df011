import { describeIssues, UnexpectedResponseError, ValidationError } from './errors';
import { isObject } from './isObject';
import { formatModelRef, parseModelRef } from './parseModelRef';
import type { ModelRef } from './types';

/**
 * What `defineModel` needs of a schema: zod 4's `safeParse`, and the input and output types every
 * Standard Schema carries (`~standard.types`). Written out here rather than imported from zod, so
 * that these declarations compile in apps without zod, the optional peer; every zod 4 schema fits.
 */
export interface ModelSchema {
  readonly '~standard': {
    readonly types?: { readonly input: unknown; readonly output: unknown } | undefined;
  };
  safeParse(value: unknown):
    | { readonly success: true; readonly data: unknown }
    | {
        readonly success: false;
        readonly error: {
          readonly issues: readonly {
            readonly path: PropertyKey[];
            readonly message: string;
            readonly code: string;
          }[];
        };
      };
}

type SchemaTypes<S> = S extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T>
  : never;
/** The type a schema accepts (zod's `z.input`). */
export type SchemaInput<S> = SchemaTypes<S> extends { readonly input: infer I } ? I : unknown;
/** The type a schema gives back (zod's `z.output`). */
export type SchemaOutput<S> = SchemaTypes<S> extends { readonly output: infer O } ? O : unknown;

/** A model with zod schemas for its input and output: `createPrediction` and `runPrediction` check and type both. */
export interface ModelDefinition<I extends ModelSchema = ModelSchema, O extends ModelSchema = ModelSchema> {
  /** `owner/name` or `owner/name:N`, normalised. */
  readonly model: string;
  readonly ref: ModelRef;
  readonly input: I;
  readonly output: O;
  /**
   * Parses an input or output by its schema. A bad input is a `ValidationError` (nothing is sent);
   * a bad output an `UnexpectedResponseError`. `label` names the operation in the message.
   */
  parse<K extends 'input' | 'output'>(
    which: K,
    value: unknown,
    label?: string,
  ): SchemaOutput<K extends 'input' ? I : O>;
}

/** What `createPrediction`/`runPrediction` accept as the input of a model. */
export type ModelInput<M> =
  M extends ModelDefinition<infer I, ModelSchema> ? SchemaInput<I> : Record<string, unknown>;

/**
 * Binds zod schemas (zod 4, an optional peer) to a model reference. Nothing of zod is imported at
 * run time: the schemas' own `safeParse` does the work, and only where `defineModel` is used.
 *
 * @example
 * const echo = defineModel('predictkit/echo', { input: z.object({ text: z.string() }), output: z.string() });
 * const prediction = await runPrediction(client, echo, { text: 'hi' }); // prediction.output: string | null | undefined
 */
export function defineModel<I extends ModelSchema, O extends ModelSchema>(
  ref: string | ModelRef,
  schemas: { input: I; output: O },
): ModelDefinition<I, O> {
  const parsed = parseModelRef(ref);
  const model = formatModelRef(parsed);
  if (typeof schemas?.input?.safeParse !== 'function' || typeof schemas.output?.safeParse !== 'function') {
    throw new TypeError('defineModel: `input` and `output` must both be zod schemas.');
  }
  return {
    model,
    ref: parsed,
    ...schemas,
    parse(which, value, at = 'defineModel') {
      const result = schemas[which].safeParse(value);
      if (result.success) return result.data as never;
      const issues = result.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
        type: i.code,
      }));
      const detail = describeIssues(issues);
      const message = `${at}: the ${which} of ${model} does not match its schema: ${detail}.`;
      throw which === 'input'
        ? new ValidationError(`${message} Nothing was sent; fix the input.`, {
            status: 422,
            body: value,
            detail,
            issues,
          })
        : new UnexpectedResponseError(`${message} Compare the schema with getModel.`, {
            path: ['output', ...issues[0]!.path].join('.'),
          });
    },
  };
}

export const isModelDefinition = (model: unknown): model is ModelDefinition =>
  isObject(model) && 'parse' in model && 'ref' in model;
