export { describeJson as describe, resolveSchema, unwrapNullable } from '@predictkit/core/schema';
