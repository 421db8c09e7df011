import { describe, expect, it } from 'vitest';
import { createTestContext, findModel, latestVersion, runModel } from './testContext';

const PROGRESS = /^\s*(\d+)%\|[ ▏▎▍▌▋▊▉█]{10}\| (\d+)\/(\d+) \[\d\d:\d\d<(\d\d:\d\d|\?), /;

describe('slow-task', () => {
  it('logs a tqdm progress line per step and sleeps the whole duration', async () => {
    const { output, logs, sleeps } = await runModel('slow-task', { duration_s: 3, steps: 12 });
    expect(logs).toHaveLength(13);
    logs.forEach((line, k) => {
      const match = PROGRESS.exec(line);
      expect(match, line).not.toBeNull();
      expect(match?.slice(1, 4)).toEqual([String(Math.floor((k * 100) / 12)), String(k), '12']);
    });
    expect(logs.at(-1)).toBe('100%|██████████| 12/12 [00:03<00:00,  4.00it/s]');
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeCloseTo(3000);
    expect(output).toEqual({
      steps_completed: 12,
      duration_s: 3,
      checksum: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
  });

  it('uses the defaults of 20 steps over 10 seconds, with a reproducible checksum', async () => {
    const a = await runModel('slow-task', {});
    const b = await runModel('slow-task', {});
    const c = await runModel('slow-task', { steps: 21 });
    expect(a.logs.at(-1)).toMatch(/^100%\|██████████\| 20\/20 \[00:10<00:00/);
    expect(a.sleeps.every((ms) => ms === 500)).toBe(true);
    expect(a.output).toEqual(b.output);
    expect((a.output as { checksum: string }).checksum).not.toBe((c.output as { checksum: string }).checksum);
  });

  it('fails at fail_at_step with a clear message, after logging the steps before it', async () => {
    const run = runModel('slow-task', { duration_s: 1, steps: 10, fail_at_step: 4 });
    await expect(run).rejects.toThrow('slow-task failed at step 4 of 10, as requested by fail_at_step');
    const version = latestVersion(findModel('slow-task'));
    const test = createTestContext(version, { duration_s: 1, steps: 10, fail_at_step: 4 });
    await expect(version.run(test.ctx)).rejects.toThrow();
    expect(test.logs.at(-1)).toMatch(/ 3\/10 /);
  });

  it('finishes, with a note, when fail_at_step is past the last step', async () => {
    const { logs, output } = await runModel('slow-task', { duration_s: 0.1, steps: 2, fail_at_step: 3 });
    expect(logs[0]).toMatch(/after the last step/);
    expect(output).toMatchObject({ steps_completed: 2 });
  });

  it('stops promptly when canceled', async () => {
    const version = latestVersion(findModel('slow-task'));
    const test = createTestContext(version, { duration_s: 600, steps: 1000 });
    const reason = new DOMException('canceled', 'AbortError');
    const log = test.ctx.log;
    const ctx = {
      ...test.ctx,
      log(line: string) {
        log(line);
        if (test.logs.length === 4) test.controller.abort(reason);
      },
    };
    await expect(version.run(ctx)).rejects.toBe(reason);
    expect(test.logs).toHaveLength(4);
  });
});
