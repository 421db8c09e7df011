import { category } from './category';
import { cpu } from './hardware';
import type { DemoModel } from './types';

type EchoInput = {
  text: string;
  delay_ms: number;
};

export const echo: DemoModel = {
  name: 'echo',
  description: 'Returns its input text unchanged, optionally after a delay.',
  overview: `The smallest possible model: it waits \`delay_ms\` milliseconds and then returns \`text\` exactly as it
was given. Use it to check that a client, proxy or form works end to end before running anything heavier.

**How it works.** No weights, no computation: the model sleeps on the server's clock (so the local server's
time scale applies) and answers with the input string.

**Inputs.**
- \`text\`: the text to send back.
- \`delay_ms\`: how long to wait before answering, from 0 to 10,000 ms. Handy for trying out loading states,
  \`Prefer: wait\` timeouts and cancellation.`,
  categories: [category.testing, category.utilities],
  hardware: cpu,
  created_at: '2026-01-05T09:00:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes: 'Initial release.',
      created_at: '2026-01-05T09:00:00.000000Z',
      setupMs: 200,
      input: {
        type: 'object',
        title: 'Input',
        required: ['text'],
        properties: {
          text: {
            type: 'string',
            title: 'Text',
            description: 'The text to return.',
            maxLength: 100000,
            'x-order': 0,
          },
          delay_ms: {
            type: 'integer',
            title: 'Delay (ms)',
            description: 'Milliseconds to wait before answering.',
            minimum: 0,
            maximum: 10000,
            default: 0,
            'x-order': 1,
          },
        },
      },
      output: { type: 'string', title: 'Output' },
      async run(ctx) {
        const { text, delay_ms } = ctx.input as EchoInput;
        if (delay_ms > 0) {
          ctx.log(`Waiting ${delay_ms} ms`);
          await ctx.sleep(delay_ms);
        }
        ctx.log(`Echoing ${text.length} characters`);
        return text;
      },
    },
  ],
};
