export { SchemaError } from '@predictkit/core/schema';
