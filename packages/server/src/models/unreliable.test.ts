import { describe, expect, it } from 'vitest';
import { ModelError } from './ModelError';
import { runModel } from './testContext';

describe('unreliable', () => {
  it('always succeeds at failure_rate 0', async () => {
    for (let seed = 0; seed < 10; seed++) {
      const { output, logs } = await runModel('unreliable', { failure_rate: 0, seed });
      expect(output).toMatch(/^success after (1 check|[2-5] checks)$/);
      expect(logs.filter((line) => /^Health check \d\/\d passed$/.test(line))).toHaveLength(
        Number(/(\d) checks?$/.exec(output as string)?.[1]),
      );
    }
  });

  it.each(['internal', 'external'] as const)(
    'always fails at failure_rate 1 with source %s',
    async (source) => {
      const failure = runModel('unreliable', { failure_rate: 1, error_source: source, seed: 3 });
      await expect(failure).rejects.toBeInstanceOf(ModelError);
      await expect(failure).rejects.toMatchObject({ source, name: 'ModelError' });
      await expect(failure).rejects.toThrow(
        new RegExp(`^Simulated ${source} error after \\d checks?: .* \\(seed 3\\)$`),
      );
    },
  );

  it('defaults to internal errors', async () => {
    await expect(runModel('unreliable', { failure_rate: 1 })).rejects.toMatchObject({ source: 'internal' });
  });

  it('decides by seed: the same seed gives the same outcome, and about failure_rate of seeds fail', async () => {
    const outcome = (seed: number) =>
      runModel('unreliable', { failure_rate: 0.5, seed }).then(
        (r) => r.output as string,
        (e: Error) => e.message,
      );
    expect(await outcome(77)).toBe(await outcome(77));
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, seed) => outcome(seed)));
    const failures = outcomes.filter((o) => o.startsWith('Simulated')).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(70);
  });

  it('logs the seed it picked when none is given', async () => {
    const { logs } = await runModel('unreliable', { failure_rate: 0 });
    expect(logs[0]).toMatch(/^Using seed: \d+$/);
  });
});
