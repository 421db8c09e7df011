export { applyDefaults } from '@predictkit/core/schema';
