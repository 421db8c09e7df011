/**
 * Speed of the local server over HTTP on 127.0.0.1:
 *   1. `GET /v1/predictions/{id}` requests per second, from concurrent keep-alive clients;
 *   2. 1,000 concurrent `echo` predictions run to `succeeded`: wall time and errors.
 * Usage: pnpm --filter @predictkit/server bench [-- --seconds 5 --predictions 1000 --connections 32]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Prediction } from '@predictkit/core';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    predictions: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '32' },
  },
});
const seconds = Number(values.seconds);
const predictionCount = Number(values.predictions);
const connections = Number(values.connections);

// The server runs in its own process, as it would for real, so the load generator does not share its event loop.
const cli = fileURLToPath(new URL('../src/node/cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const child = spawn(tsx, ['--conditions=@predictkit/source', cli, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise<string>((resolve, reject) => {
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1] as string);
  });
  child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${output}`)));
});

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

// 1. GET throughput
const { json: target } = await call<Prediction>('POST', '/v1/predictions', {
  model: 'predictkit/echo',
  input: { text: 'bench' },
});
let gets = 0;
let getErrors = 0;
const deadline = performance.now() + seconds * 1000;
const startedGets = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      const { status } = await call('GET', `/v1/predictions/${target.id}`);
      if (status === 200) gets++;
      else getErrors++;
    }
  }),
);
const getsPerSecond = gets / ((performance.now() - startedGets) / 1000);

// 2. many concurrent predictions
const startedRuns = performance.now();
const created = await Promise.all(
  Array.from({ length: predictionCount }, (_, i) =>
    call<Prediction>('POST', '/v1/predictions', { model: 'predictkit/echo', input: { text: `run ${i}` } }),
  ),
);
let createErrors = created.filter((c) => c.status !== 201).length;
const pending = new Set(created.filter((c) => c.status === 201).map((c) => c.json.id));
let failed = 0;
while (pending.size > 0) {
  await Promise.all(
    [...pending].map(async (id) => {
      const { status, json } = await call<Prediction>('GET', `/v1/predictions/${id}`);
      if (status !== 200) createErrors++;
      else if (json.status === 'succeeded') pending.delete(id);
      else if (['failed', 'canceled'].includes(json.status)) {
        failed++;
        pending.delete(id);
      }
    }),
  );
}
const runSeconds = (performance.now() - startedRuns) / 1000;

child.kill('SIGTERM');

console.log('\nPredictKit local server, HTTP on 127.0.0.1\n');
console.table([
  {
    measure: 'GET /v1/predictions/{id}',
    result: `${Math.round(getsPerSecond)} req/s`,
    errors: getErrors,
    target: '≥ 2000 req/s',
  },
  {
    measure: `${predictionCount} concurrent echo predictions`,
    result: `${predictionCount - failed - createErrors} succeeded in ${runSeconds.toFixed(2)} s`,
    errors: failed + createErrors,
    target: 'all succeed, no error',
  },
]);
