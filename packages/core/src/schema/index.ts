export { applyDefaults } from './applyDefaults';
export { describePattern } from './describePattern';
export { isRecord } from './isRecord';
export {
  cogArrayHints,
  type FieldKind,
  type FieldOption,
  type FieldPath,
  humanize,
  isSecret,
  type ParsedField,
  parseSchema,
} from './parseSchema';
export { describe as describeJson, resolveRef, resolveSchema, unwrapNullable } from './resolveSchema';
export { SchemaError } from './SchemaError';
export { schemasFromOpenApi } from './schemasFromOpenApi';
export {
  type IssuePath,
  type SchemaIssue,
  sameValue,
  type ValidateInputOptions,
  validateInput,
} from './validateInput';
