import { describe, expect, it } from 'vitest';
import { parseLogProgress } from './parseLogProgress';

describe('parseLogProgress', () => {
  it('reads a tqdm line with its label, time and rate', () => {
    expect(parseLogProgress('Sampling:  45%|████▌     | 45/100 [00:02<00:03, 20.1it/s]')).toEqual({
      percent: 45,
      current: 45,
      total: 100,
      label: 'Sampling',
      time: '00:02<00:03',
      rate: '20.1it/s',
    });
  });

  it('reads a bare bar, and scaled counts', () => {
    expect(parseLogProgress('100%|██████████| 50/50')).toEqual({ percent: 100, current: 50, total: 50 });
    expect(parseLogProgress(' 12%|█▏        | 1.2k/10k [00:01<00:09]')).toMatchObject({
      current: 1200,
      total: 10000,
    });
  });

  it('takes the latest progress in the logs, and the last redraw of a \\r line', () => {
    const logs = [
      'loading',
      ' 10%|█         | 1/10',
      'some other line',
      ' 20%|██        | 2/10\r 30%|███       | 3/10\r',
    ];
    expect(parseLogProgress(logs)).toMatchObject({ percent: 30, current: 3 });
    expect(parseLogProgress(' 10%|█| 1/10\ndone')).toMatchObject({ percent: 10 });
  });

  it('finds nothing in logs without a bar', () => {
    expect(parseLogProgress(['loading weights', '50% done', 'a|b|c'])).toBeNull();
    expect(parseLogProgress(null)).toBeNull();
    expect(parseLogProgress([])).toBeNull();
  });
});
