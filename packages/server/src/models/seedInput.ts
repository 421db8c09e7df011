import type { JsonSchema } from '@predictkit/core';
import { MAX_SEED } from './random';

/** The nullable `seed` input the seeded models share: null picks a fresh seed and logs it. */
export function seedInput(order: number): JsonSchema {
  return {
    anyOf: [{ type: 'integer', minimum: 0, maximum: MAX_SEED }, { type: 'null' }],
    default: null,
    title: 'Seed',
    description:
      'Random seed for reproducible results. Leave blank to pick one at random (it is printed in the logs).',
    'x-order': order,
  };
}
