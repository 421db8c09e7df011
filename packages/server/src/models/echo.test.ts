import { describe, expect, it } from 'vitest';
import { runModel } from './testContext';

describe('echo', () => {
  it('returns the text unchanged without waiting by default', async () => {
    const text = '  Hello, 世界! 👋\nsecond line  ';
    const { output, sleeps } = await runModel('echo', { text });
    expect(output).toBe(text);
    expect(sleeps).toEqual([]);
  });

  it('waits delay_ms of model time first', async () => {
    const { output, sleeps, logs } = await runModel('echo', { text: 'later', delay_ms: 2500 });
    expect(output).toBe('later');
    expect(sleeps).toEqual([2500]);
    expect(logs).toEqual(['Waiting 2500 ms', 'Echoing 5 characters']);
  });
});
