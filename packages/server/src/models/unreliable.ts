import { category } from './category';
import { cpu } from './hardware';
import { ModelError } from './ModelError';
import { createRandom, resolveSeed } from './random';
import { seedInput } from './seedInput';
import type { DemoModel } from './types';

type UnreliableInput = {
  failure_rate: number;
  error_source: 'internal' | 'external';
  seed: number | null;
};

export const unreliable: DemoModel = {
  name: 'unreliable',
  description: 'Fails at random with a chosen probability and error source, reproducibly by seed.',
  overview: `A model that fails on purpose. It runs a few quick health checks and then either succeeds or
throws, with probability \`failure_rate\`. Use it to exercise error states, retries, error messages and
webhook deliveries of failed predictions.

**How it works.** Every decision comes from a PRNG seeded with \`seed\`, so the same seed always gives the
same outcome and the same number of checks. With no seed a random one is picked and printed in the logs;
rerun with it to reproduce a failure.

**Inputs.**
- \`failure_rate\`: the probability of failing, from 0 (never) to 1 (always).
- \`error_source\`: whose fault the failure is reported as: \`internal\` (the model crashed) or
  \`external\` (the caller's side, such as a rejected input).
- \`seed\`: makes the outcome reproducible.`,
  categories: [category.testing],
  hardware: cpu,
  created_at: '2026-01-06T15:10:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes: 'Initial release with seeded failures and a choice of error source.',
      created_at: '2026-01-06T15:10:00.000000Z',
      setupMs: 300,
      input: {
        type: 'object',
        title: 'Input',
        $defs: {
          error_source: {
            type: 'string',
            title: 'error_source',
            description: 'An enumeration.',
            enum: ['internal', 'external'],
          },
        },
        properties: {
          failure_rate: {
            type: 'number',
            title: 'Failure rate',
            description: 'Probability that the prediction fails.',
            minimum: 0,
            maximum: 1,
            default: 0.5,
            'x-order': 0,
          },
          error_source: {
            allOf: [{ $ref: '#/$defs/error_source' }],
            default: 'internal',
            title: 'Error source',
            description: 'Report a failure as the model’s fault (internal) or the caller’s (external).',
            'x-order': 1,
          },
          seed: seedInput(2),
        },
      },
      output: { type: 'string', title: 'Output' },
      async run(ctx) {
        const { failure_rate, error_source, seed } = ctx.input as UnreliableInput;
        const usedSeed = resolveSeed(seed);
        if (seed === null || seed === undefined) ctx.log(`Using seed: ${usedSeed}`);
        const random = createRandom(usedSeed);
        const checks = random.int(1, 5);
        for (let check = 1; check <= checks; check++) {
          await ctx.sleep(80 + random.int(0, 120));
          ctx.log(`Health check ${check}/${checks} passed`);
        }
        const counted = `${checks} ${checks === 1 ? 'check' : 'checks'}`;
        if (random.next() < failure_rate) {
          const what = error_source === 'external' ? 'the request was rejected' : 'the model crashed';
          throw new ModelError(
            `Simulated ${error_source} error after ${counted}: ${what} (seed ${usedSeed})`,
            error_source,
          );
        }
        return `success after ${counted}`;
      },
    },
  ],
};
