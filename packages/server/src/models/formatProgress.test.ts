import { describe, expect, it } from 'vitest';
import { formatProgress } from './formatProgress';

describe('formatProgress', () => {
  it('prints what tqdm prints', () => {
    expect(formatProgress(9, 20, 4.5)).toBe(' 45%|████▌     | 9/20 [00:04<00:05,  2.00it/s]');
    expect(formatProgress(0, 20, 0)).toBe('  0%|          | 0/20 [00:00<?, ?it/s]');
    expect(formatProgress(20, 20, 10)).toBe('100%|██████████| 20/20 [00:10<00:00,  2.00it/s]');
  });

  it('switches to seconds per iteration for slow steps and to hours for long runs', () => {
    expect(formatProgress(1, 4, 30)).toBe(' 25%|██▌       | 1/4 [00:30<01:30, 30.00s/it]');
    expect(formatProgress(1, 3, 3700)).toBe(' 33%|███▎      | 1/3 [1:01:40<2:03:20, 3700.00s/it]');
  });

  it('has a percentage and a k/n a UI can parse', () => {
    const line = formatProgress(7, 13, 2);
    const match = /^\s*(\d+)%\|.*\| (\d+)\/(\d+) /.exec(line);
    expect(match?.slice(1)).toEqual(['53', '7', '13']);
  });
});
