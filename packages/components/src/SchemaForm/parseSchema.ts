export {
  type FieldKind,
  type FieldOption,
  type FieldPath,
  humanize,
  type ParsedField,
  parseSchema,
} from '@predictkit/core/schema';
