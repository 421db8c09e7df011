import { category } from './category';
import { formatProgress } from './formatProgress';
import { cpu } from './hardware';
import { splitmix32 } from './random';
import type { DemoModel } from './types';

type SlowTaskInput = {
  duration_s: number;
  steps: number;
  fail_at_step: number | null;
};

export const slowTask: DemoModel = {
  name: 'slow-task',
  description:
    'A long-running job that reports tqdm-style progress, and can fail on purpose at a chosen step.',
  overview: `A stand-in for any long job (training, batch processing, video rendering) that runs for a set time
in a set number of steps and prints a progress bar after each one, in the form tqdm prints it
(\` 45%|████▌     | 9/20 [00:04<00:05,  2.00it/s]\`). Use it to build and test progress bars, log viewers,
timeouts and cancellation.

**How it works.** Each step waits \`duration_s / steps\` seconds on the server's clock and folds the step
number into a running 32-bit hash; the final hash is returned as \`checksum\`, so two runs with the same
inputs return the same object. Cancelling stops it between two steps at the latest.

**Inputs.**
- \`duration_s\`: total running time, from 0.1 s to 10 minutes.
- \`steps\`: how many steps (and progress lines) to divide it into.
- \`fail_at_step\`: make the job crash during that step, to see how a failure after some progress looks.`,
  categories: [category.testing],
  hardware: cpu,
  created_at: '2026-01-06T14:30:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes:
        'Initial release: tqdm-style progress lines, a checksum of the work done, and `fail_at_step`.',
      created_at: '2026-01-06T14:30:00.000000Z',
      setupMs: 500,
      input: {
        type: 'object',
        title: 'Input',
        properties: {
          duration_s: {
            type: 'number',
            title: 'Duration (s)',
            description: 'Total running time in seconds.',
            minimum: 0.1,
            maximum: 600,
            default: 10,
            'x-order': 0,
          },
          steps: {
            type: 'integer',
            title: 'Steps',
            description: 'Number of steps; one progress line is logged after each.',
            minimum: 1,
            maximum: 1000,
            default: 20,
            'x-order': 1,
          },
          fail_at_step: {
            anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }],
            default: null,
            title: 'Fail at step',
            description: 'Make the job fail during this step (1-based). Leave blank to let it finish.',
            'x-order': 2,
          },
        },
      },
      output: {
        type: 'object',
        title: 'Output',
        required: ['steps_completed', 'duration_s', 'checksum'],
        properties: {
          steps_completed: { type: 'integer', title: 'Steps completed', minimum: 0 },
          duration_s: { type: 'number', title: 'Duration (s)', minimum: 0 },
          checksum: {
            type: 'string',
            title: 'Checksum',
            description: 'A hash of the work done, identical for identical inputs.',
            pattern: '^[0-9a-f]{8}$',
          },
        },
      },
      async run(ctx) {
        const { duration_s, steps, fail_at_step } = ctx.input as SlowTaskInput;
        const stepMs = (duration_s * 1000) / steps;
        if (fail_at_step !== null && fail_at_step > steps) {
          ctx.log(`fail_at_step ${fail_at_step} is after the last step (${steps}); the job will finish`);
        }
        ctx.log(formatProgress(0, steps, 0));
        let checksum = splitmix32(steps);
        for (let step = 1; step <= steps; step++) {
          await ctx.sleep(stepMs);
          if (step === fail_at_step) {
            throw new Error(`slow-task failed at step ${step} of ${steps}, as requested by fail_at_step`);
          }
          checksum = splitmix32(checksum ^ step);
          ctx.log(formatProgress(step, steps, (step * stepMs) / 1000));
        }
        return {
          steps_completed: steps,
          duration_s,
          checksum: checksum.toString(16).padStart(8, '0'),
        };
      },
    },
  ],
};
