import { describe, expect, it } from 'vitest';
import { corpus } from './corpus';
import { MarkovChain, tokenize } from './MarkovChain';
import { createRandom } from './random';
import { createTestContext, findModel, runModel } from './testContext';

const generate = async (input: Record<string, unknown>, version = 2) => {
  const result = await runModel('text-generator', input, { version });
  return { ...result, output: result.output as string[], text: (result.output as string[]).join('') };
};

describe('MarkovChain', () => {
  const chain = new MarkovChain(corpus);

  it('tokenizes words with their leading space and punctuation without one', () => {
    expect(tokenize('"Oh dear! Oh dear!" — the rabbit-hole, Ma\'am.')).toEqual([
      ' Oh',
      ' dear',
      '!',
      ' Oh',
      ' dear',
      '!',
      ' the',
      ' rabbit-hole',
      ',',
      " Ma'am",
      '.',
    ]);
    expect(chain.size).toBeGreaterThan(1000);
    expect(chain.vocabulary.length).toBeGreaterThan(400);
  });

  it('continues a known context with what the book says, greedily at temperature 0', () => {
    const random = createRandom(1);
    let context = chain.contextOf('She was considering picking the');
    const words: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = chain.sample(context, 0, random);
      words.push(chain.render(context, id));
      context = chain.advance(context, id);
    }
    expect(words).toEqual([' daisies', ',', ' when']);
  });

  it('starts a capitalized sentence when no prompt word is known', () => {
    const context = chain.contextOf('Quantum chromodynamics');
    expect(chain.endsSentence(context)).toBe(true);
    const token = chain.render(context, chain.sample(context, 0, createRandom(1)));
    expect(token).toMatch(/^ \p{Lu}/u);
  });
});

describe('text-generator', () => {
  it('streams every token through emit and returns exactly the emitted chunks', async () => {
    const { output, emitted, sleeps } = await generate({
      prompt: 'Alice was beginning to',
      seed: 1,
      max_tokens: 40,
    });
    expect(output).toHaveLength(40);
    expect(emitted).toEqual(output);
    for (const token of output) expect(token).toMatch(/^( [\p{L}\p{N}'-]+|[.,;:!?])$/u);
    const perToken = sleeps.slice(1);
    expect(perToken).toHaveLength(40);
    for (const ms of perToken) expect(ms >= 25 && ms <= 60).toBe(true);
  });

  it('reads as text when concatenated, continuing the prompt', async () => {
    const { text } = await generate({ prompt: 'Alice was beginning to', temperature: 0, max_tokens: 8 });
    expect(text).toBe(' get very tired of sitting by her sister');
  });

  it('respects max_tokens', async () => {
    for (const max_tokens of [1, 7, 200]) {
      const { output } = await generate({ prompt: 'Down, down, down.', seed: 5, max_tokens }, 1);
      expect(output).toHaveLength(max_tokens);
    }
  });

  it('is reproducible for a seed and varies between seeds', async () => {
    const input = { prompt: 'She ran across the field', max_tokens: 60, temperature: 1 };
    const a = await generate({ ...input, seed: 11 });
    const b = await generate({ ...input, seed: 11 });
    const c = await generate({ ...input, seed: 12 });
    expect(a.output).toEqual(b.output);
    expect(a.text).not.toBe(c.text);
  });

  it('is deterministic at temperature 0 whatever the seed', async () => {
    const input = { prompt: 'The rabbit-hole went', max_tokens: 50, temperature: 0 };
    const a = await generate({ ...input, seed: 1 });
    const b = await generate({ ...input, seed: 999 });
    expect(a.output).toEqual(b.output);
  });

  it('gets more varied as the temperature rises', async () => {
    const distinct = async (temperature: number) => {
      const { output } = await generate({ prompt: 'Alice', max_tokens: 300, temperature, seed: 3 });
      return new Set(output).size;
    };
    expect(await distinct(2)).toBeGreaterThan(await distinct(0.3));
  });

  it('logs the seed it picked when none is given, and that seed reproduces the output', async () => {
    const first = await generate({ prompt: 'Dinah', max_tokens: 30, seed: null });
    const line = first.logs.find((l) => l.startsWith('Using seed: '));
    const seed = Number(line?.slice('Using seed: '.length));
    expect(Number.isInteger(seed)).toBe(true);
    expect((await generate({ prompt: 'Dinah', max_tokens: 30, seed })).output).toEqual(first.output);
  });

  it('matches version 1 in version 2 when no stop sequence is given', async () => {
    const input = { prompt: 'Presently she began again.', max_tokens: 50, seed: 8 };
    expect((await generate(input, 2)).output).toEqual((await generate(input, 1)).output);
  });

  describe('stop sequences (version 2)', () => {
    const input = { prompt: 'Alice was beginning to', max_tokens: 120, seed: 21 };

    it('stops before a stop sequence that spans several tokens, and never emits any of it', async () => {
      const full = (await generate(input, 1)).text;
      const stop = full.slice(40, 52);
      const { output, emitted, text, logs } = await generate({ ...input, stop: [stop] });
      expect(text).toBe(full.slice(0, full.indexOf(stop)));
      expect(emitted).toEqual(output);
      expect(logs.at(-1)).toContain(`stopped at ${JSON.stringify(stop)}`);
    });

    it('stops at the earliest of several stop sequences', async () => {
      const { text } = await generate({ ...input, stop: ['zzz', '.', ','] });
      const full = (await generate(input, 1)).text;
      const cut = Math.min(...['.', ','].map((s) => full.indexOf(s)).filter((i) => i >= 0));
      expect(text).toBe(full.slice(0, cut));
      expect(text).not.toMatch(/[.,]/);
    });

    it('releases held-back text when a partial match turns out not to be one', async () => {
      const full = await generate(input, 1);
      const partial = `${full.text.slice(10, 20)}\u0000never`;
      const { output, emitted, text } = await generate({ ...input, stop: [partial] });
      expect(text).toBe(full.text);
      expect(emitted).toEqual(output);
      expect(output.length).toBe(full.output.length);
    });

    it('cuts inside a token, and returns an empty array when the output would start with the stop', async () => {
      const first = (await generate({ ...input, max_tokens: 1 }, 1)).text;
      expect(first).toMatch(/^ \p{L}{2}/u);
      const inside = await generate({ ...input, stop: [first.slice(1, 3)] });
      expect(inside.output).toEqual([' ']);
      expect(inside.emitted).toEqual([' ']);
      const whole = await generate({ ...input, stop: [first] });
      expect(whole.output).toEqual([]);
      expect(whole.emitted).toEqual([]);
    });
  });

  it('stops promptly when canceled mid-stream', async () => {
    const version = findModel('text-generator').versions[1];
    if (!version) throw new Error('text-generator has no version 2');
    const test = createTestContext(version, { prompt: 'Alice', max_tokens: 1024, seed: 1 });
    const reason = new DOMException('Prediction canceled', 'AbortError');
    const originalEmit = test.ctx.emit;
    const ctx = {
      ...test.ctx,
      emit(chunk: unknown) {
        originalEmit(chunk);
        if (test.emitted.length === 5) test.controller.abort(reason);
      },
    };
    await expect(version.run(ctx)).rejects.toBe(reason);
    expect(test.emitted).toHaveLength(5);
  });
});
