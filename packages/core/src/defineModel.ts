import type { input as ZodInput, output as ZodOutput, ZodType } from 'zod';
import { isObject } from './createClient';
import { describeIssues, UnexpectedResponseError, ValidationError } from './errors';
import { formatModelRef, parseModelRef } from './parseModelRef';
import type { ModelRef } from './types';

/** A model with zod schemas for its input and output: `createPrediction` and `runPrediction` check and type both. */
export interface ModelDefinition<I extends ZodType = ZodType, O extends ZodType = ZodType> {
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
  ): ZodOutput<K extends 'input' ? I : O>;
}

/** What `createPrediction`/`runPrediction` accept as the input of a model. */
export type ModelInput<M> =
  M extends ModelDefinition<infer I, ZodType> ? ZodInput<I> : Record<string, unknown>;

/**
 * Binds zod schemas (zod 4, an optional peer) to a model reference. Nothing of zod is imported at
 * run time: the schemas' own `safeParse` does the work, and only where `defineModel` is used.
 *
 * @example
 * const echo = defineModel('predictkit/echo', { input: z.object({ text: z.string() }), output: z.string() });
 * const prediction = await runPrediction(client, echo, { text: 'hi' }); // prediction.output: string | null | undefined
 */
export function defineModel<I extends ZodType, O extends ZodType>(
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
