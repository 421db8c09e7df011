import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Model, ModelVersion, Prediction, User } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';

let running: ListeningServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await running?.close({ graceMs: 0 });
  running = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ACCOUNTS = [{ username: 'sam', token: 'sam-token' }];

async function call<T>(url: string, method = 'GET', body?: unknown, token = 'sam-token') {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('--data-dir keeps users, models and versions', () => {
  it('across a restart, with the account bound to its user through a rename', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-'));
    dirs.push(dataDir);
    // the same port both times: the answers hold absolute URLs on it
    let port = 0;
    const start = async () => {
      running = await listen({ port, dataDir, timeScale: 0.01, onWarning: () => {}, accounts: ACCOUNTS });
      port = Number(new URL(running.url).port);
      return `${running.url}/v1`;
    };
    let v1 = await start();
    const digest = (await call<ModelVersion>(`${v1}/models/predictkit/echo/versions/1`)).body
      .container_image_digest as string;
    await call(`${v1}/models`, 'POST', { name: 'kept', hardware_identifier: 'cpu', description: 'Kept.' });
    await call(`${v1}/models`, 'POST', { name: 'gone', hardware_identifier: 'cpu' });
    await call(`${v1}/models/sam/gone`, 'DELETE');
    const version = await call<ModelVersion>(`${v1}/models/sam/kept/versions`, 'POST', {
      release_notes: 'One.',
      schemas: {
        prediction: {
          input: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
          output: { type: 'string' },
        },
      },
      container_image_digest: digest,
    });
    const renamed = await call<User>(`${v1}/user`, 'PATCH', { username: 'samantha', bio: 'Renamed.' });
    const localBio = await call<User>(`${v1}/user`, 'PATCH', { bio: 'Local, changed.' }, 'nobody');
    expect(localBio.status).toBe(401);
    const model = await call<Model>(`${v1}/models/samantha/kept`);
    await running?.close();
    // let the client see its keep-alive sockets closed before it talks to the new process
    await new Promise((resolve) => setTimeout(resolve, 100));

    v1 = await start();
    expect((await call<User>(`${v1}/user`)).body).toEqual(renamed.body);
    expect((await call<Model>(`${v1}/models/samantha/kept`)).body).toEqual(model.body);
    expect((await call(`${v1}/models/samantha/gone`)).status).toBe(404);
    expect((await call<ModelVersion>(`${v1}/models/samantha/kept/versions/1`)).body).toEqual(version.body);
    const created = await call<Prediction>(`${v1}/models/samantha/kept/predictions`, 'POST', {
      input: { text: 'after restart' },
    });
    expect(created.status).toBe(201);
    let prediction = created.body;
    while (!['succeeded', 'failed'].includes(prediction.status)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      prediction = (await call<Prediction>(`${v1}/predictions/${prediction.id}`)).body;
    }
    expect(prediction).toMatchObject({ status: 'succeeded', output: 'after restart' });
  }, 20_000);
});
