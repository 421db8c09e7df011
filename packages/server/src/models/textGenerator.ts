import type { JsonSchema } from '@predictkit/core';
import { category } from './category';
import { corpus } from './corpus';
import { cpu } from './hardware';
import { MarkovChain } from './MarkovChain';
import { createRandom, mixSeeds, resolveSeed } from './random';
import { seedInput } from './seedInput';
import type { DemoModel, DemoVersion, ModelContext } from './types';

type TextGeneratorInput = {
  prompt: string;
  max_tokens: number;
  temperature: number;
  seed: number | null;
  stop?: string[];
};

let chain: MarkovChain | undefined;

/** Trained on first use rather than at import, so loading the server costs nothing until a prompt arrives. */
function languageModel(): MarkovChain {
  chain ??= new MarkovChain(corpus);
  return chain;
}

const inputProperties: Record<string, JsonSchema> = {
  prompt: {
    type: 'string',
    title: 'Prompt',
    description: 'Text to continue. Its last words that the model knows pick where the story picks up.',
    minLength: 1,
    maxLength: 10000,
    'x-order': 0,
  },
  max_tokens: {
    type: 'integer',
    title: 'Max tokens',
    description: 'Maximum number of tokens (words and punctuation marks) to generate.',
    minimum: 1,
    maximum: 1024,
    default: 128,
    'x-order': 1,
  },
  temperature: {
    type: 'number',
    title: 'Temperature',
    description:
      'Randomness of the sampling: 0 always picks the most likely token; higher values are more adventurous.',
    minimum: 0,
    maximum: 2,
    default: 0.8,
    'x-order': 2,
  },
  seed: seedInput(3),
};

const output: JsonSchema = {
  type: 'array',
  items: { type: 'string' },
  title: 'Output',
  'x-cog-array-display': 'concatenate',
};

/**
 * Generates up to `max_tokens` tokens, emitting each as it is produced. With stop sequences, text
 * that could be the start of one is held back until it is clear it is not, so no emitted chunk ever
 * contains (part of) a stop sequence and the emitted chunks always equal the returned output.
 */
async function generate(ctx: ModelContext): Promise<string[]> {
  const { prompt, max_tokens, temperature, seed, stop = [] } = ctx.input as TextGeneratorInput;
  const usedSeed = resolveSeed(seed);
  if (seed === null || seed === undefined) ctx.log(`Using seed: ${usedSeed}`);
  const model = languageModel();
  const sampling = createRandom(usedSeed);
  const pacing = createRandom(mixSeeds(usedSeed, 0x7061ce));

  let context = model.contextOf(prompt);
  const promptTokens = Math.max(1, Math.ceil(prompt.length / 4));
  ctx.log(`Processing prompt (${promptTokens} tokens)`);
  // Prompt processing takes a moment before the first token, like any model's prefill.
  let modelMs = 80 + promptTokens * 0.5;
  await ctx.sleep(modelMs);

  const chunks: string[] = [];
  const pending: string[] = [];
  let text = '';
  let emittedLength = 0;
  const emit = (chunk: string) => {
    chunks.push(chunk);
    ctx.emit(chunk);
    emittedLength += chunk.length;
  };
  const longestStop = Math.max(0, ...stop.map((s) => s.length));

  let generated = 0;
  let stoppedBy: string | undefined;
  while (generated < max_tokens) {
    const delay = 25 + pacing.next() * 35;
    modelMs += delay;
    await ctx.sleep(delay);
    const id = model.sample(context, temperature, sampling);
    const token = model.render(context, id);
    context = model.advance(context, id);
    generated++;
    text += token;

    if (stop.length === 0) {
      emit(token);
      continue;
    }
    pending.push(token);
    const hit = firstStop(text, stop, emittedLength);
    if (hit) {
      stoppedBy = hit.stop;
      const rest = text.slice(emittedLength, hit.index);
      if (rest.length > 0) emit(rest);
      pending.length = 0;
      break;
    }
    const holdFrom = heldBackFrom(text, stop, Math.max(emittedLength, text.length - longestStop + 1));
    while (pending.length > 0 && emittedLength + (pending[0] as string).length <= holdFrom) {
      emit(pending.shift() as string);
    }
  }
  for (const token of pending) emit(token);

  const seconds = modelMs / 1000;
  const reason = stoppedBy === undefined ? '' : ` (stopped at ${JSON.stringify(stoppedBy)})`;
  ctx.log(
    `Generated ${generated} tokens in ${seconds.toFixed(2)} s, ${(generated / seconds).toFixed(1)} tokens/s${reason}`,
  );
  return chunks;
}

/** The earliest complete stop sequence starting at or after `from` (nothing before it can start one). */
function firstStop(
  text: string,
  stops: readonly string[],
  from: number,
): { index: number; stop: string } | undefined {
  let found: { index: number; stop: string } | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop, from);
    if (index >= 0 && (found === undefined || index < found.index)) found = { index, stop };
  }
  return found;
}

/** Where the text's longest suffix that begins some stop sequence starts; text.length if there is none. */
function heldBackFrom(text: string, stops: readonly string[], from: number): number {
  for (let i = from; i < text.length; i++) {
    const tail = text.slice(i);
    if (stops.some((stop) => stop.startsWith(tail))) return i;
  }
  return text.length;
}

const version1: DemoVersion = {
  number: 1,
  release_notes:
    'Initial release: a word-level trigram model trained on the first chapter of Alice’s Adventures in Wonderland, with temperature sampling, seeds and token streaming.',
  created_at: '2026-01-07T10:00:00.000000Z',
  setupMs: 1200,
  input: { type: 'object', title: 'Input', required: ['prompt'], properties: inputProperties },
  output,
  run: generate,
};

const version2: DemoVersion = {
  number: 2,
  release_notes:
    'Adds `stop`: generation ends before the first stop sequence, which is never streamed. Sampling is unchanged, so outputs without stop sequences match version 1 for the same seed.',
  created_at: '2026-02-16T16:45:00.000000Z',
  setupMs: 1000,
  input: {
    type: 'object',
    title: 'Input',
    required: ['prompt'],
    properties: {
      ...inputProperties,
      stop: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        maxItems: 4,
        default: [],
        title: 'Stop sequences',
        description:
          'Generation stops before the first of these strings appears; it is left out of the output.',
        'x-order': 4,
      },
    },
  },
  output,
  run: generate,
};

export const textGenerator: DemoModel = {
  name: 'text-generator',
  description:
    'Continues a prompt in the style of Alice’s Adventures in Wonderland, streaming tokens as it goes.',
  overview: `A small language model that continues your prompt, one token at a time, in the voice of Lewis
Carroll. It streams its output like a large language model does, so it is the model to use for building and
testing streaming text UIs.

**How it works.** A word-level Markov chain of order 2, trained when first used on the first chapter of
*Alice's Adventures in Wonderland* (public domain). Each next token is drawn from the trigram counts that
follow the last two words, interpolated with bigram and unigram counts so that it never gets stuck on an
unseen context. The last words of the prompt that the model knows decide where it picks up; unknown words
are skipped. Tokens are words with their leading space, or punctuation marks, so the output array
concatenates into text.

**Inputs.**
- \`prompt\`: the text to continue, e.g. *"Alice was beginning to"*.
- \`max_tokens\`: how many tokens to generate at most.
- \`temperature\`: 0 always picks the most likely token (deterministic); around 1 follows the book's
  statistics; up to 2 gets increasingly surreal.
- \`seed\`: makes sampling reproducible; left blank, a random seed is used and printed in the logs.
- \`stop\` (version 2): strings that end the generation; the stop sequence itself is not returned.`,
  categories: [category.textGeneration],
  hardware: cpu,
  created_at: '2026-01-07T10:00:00.000000Z',
  source_url: 'https://www.gutenberg.org/ebooks/11',
  license_url: 'https://www.gutenberg.org/policy/license.html',
  versions: [version1, version2],
};
