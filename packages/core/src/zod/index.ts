/**
 * `@predictkit/core/zod`: models typed and checked by zod schemas (zod 4, an optional peer), which
 * `createPrediction` and `runPrediction` take in place of `owner/name`. Its own entry, so that apps
 * without zod never carry it.
 */
export {
  defineModel,
  type ModelDefinition,
  type ModelInput,
  type ModelSchema,
  type SchemaInput,
  type SchemaOutput,
} from '../defineModel';
