import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../node/parseCliArgs';

describe('parseCliArgs', () => {
  it('reads every option', () => {
    const options = parseCliArgs([
      '--port=9000',
      '--host',
      '0.0.0.0',
      '--data-dir',
      '/tmp/pk',
      '--token',
      'a',
      '--token',
      'b',
      '--time-scale',
      '0.5',
      '--concurrency',
      '8',
      '--max-run-time',
      '90',
      '--data-retention',
      '3600',
      '--latency',
      '50-200',
      '--error-rate',
      '0.1',
      '--rate-limit',
      '100',
      '--rate-limit-window',
      '10',
      '--stream-cut-rate',
      '0.2',
      '--fault-seed',
      '7',
      '--cors-origin',
      'https://app.example',
      '--cors-origin',
      '*',
      '--allowed-host',
      'dev.example',
      '--allowed-host',
      '.example.org',
    ]);
    expect(options).toEqual({
      help: false,
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/pk',
      tokens: ['a', 'b'],
      timeScale: 0.5,
      concurrency: 8,
      maxRunTimeMs: 90_000,
      dataRetentionMs: 3_600_000,
      corsOrigins: ['https://app.example', '*'],
      allowedHosts: ['dev.example', '.example.org'],
      faults: {
        latencyMs: [50, 200],
        errorRate: 0.1,
        streamCutRate: 0.2,
        rateLimit: { requests: 100, windowMs: 10_000 },
        seed: 7,
      },
    });
  });

  it('leaves out what was not given so that the defaults apply', () => {
    expect(parseCliArgs([])).toEqual({ help: false, faults: {} });
  });

  it('ignores the `--` that `pnpm server -- …` passes on', () => {
    expect(parseCliArgs(['--', '--port', '9', '--help'])).toMatchObject({ port: 9, help: true });
  });

  it.each([
    [['--port', 'abc'], /--port must be a port number/],
    [['--error-rate', '1.5'], /--error-rate must be a probability/],
    [['--latency', 'soon'], /--latency must be milliseconds/],
    [['--nope'], /Unknown option '--nope'/],
    [['--cors-origin', 'localhost:5173'], /--cors-origin must be an origin as browsers send it/],
    [['--cors-origin', 'https://app.example/'], /--cors-origin must be an origin/],
    [['--allowed-host', 'http://dev.example'], /--allowed-host must be a host name/],
    [['--allowed-host', 'dev.example:8787'], /--allowed-host must be a host name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('predictkit-server', () => {
  it('prints its URL, serves, and shuts down cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../node/cli.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const child = spawn(tsx, ['--conditions=@predictkit/source', cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const models = (await (await fetch(`${url}/v1/models`)).json()) as { items: unknown[] };
    expect(models.items).toHaveLength(8);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: shutting down/);
  }, 30_000);
});
