import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../createClient';
import { replicate } from '../replicate/replicate';
import type { ModelVersionFields } from '../types';
import {
  createModel,
  createModelVersion,
  deleteModel,
  deleteModelVersion,
  updateModel,
} from './modelChanges';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const SCHEMAS = { prediction: { input: { type: 'object' }, output: { type: 'string' } } };

const setup = (provider = {}) => {
  const fetch = vi.fn(async (_request: Request) => Response.json({}));
  return { fetch, client: createClient({ baseUrl: 'http://api.test/v1', fetch, ...provider }) };
};

describe('model and version changes', () => {
  it('refuses fields that are missing, unknown or of the wrong kind, before sending', async () => {
    const { client, fetch } = setup();
    const cases: [Promise<unknown>, string][] = [
      [
        createModel(client, { hardware_identifier: 'cpu' } as never),
        'createModel: `name` must be a non-empty string, got undefined.',
      ],
      [
        createModel(client, { name: 'm', hardware_identifier: 'cpu', visibility: 'secret' } as never),
        'createModel: `visibility` must be "public" or "private", got "secret".',
      ],
      [
        createModel(client, { name: 'm', hardware_identifier: 'cpu', colour: 'red' } as never),
        'createModel: unknown option `colour`',
      ],
      [
        updateModel(client, 'me/m', { category_slugs: ['ok', ''] }),
        'updateModel: `category_slugs` must be an array of category slugs, got an array.',
      ],
      [
        updateModel(client, 'me/m:2', {}),
        'updateModel: `model` must be owner/name, without a version, got "me/m:2".',
      ],
      [deleteModel(client, 'me/m/x'), 'Invalid model reference "me/m/x": more than one `/`.'],
      [
        deleteModelVersion(client, 'me/m'),
        'deleteModelVersion: `model` must be owner/name:N or owner/name:<version id>, with a version, got "me/m".',
      ],
      [
        createModelVersion(client, 'me/m', { schemas: SCHEMAS } as unknown as ModelVersionFields),
        'createModelVersion: `container_image_digest` must be "sha256:" and 64 hex digits, got undefined.',
      ],
      [
        createModelVersion(client, 'me/m', {
          schemas: { prediction: { input: {} } } as never,
          container_image_digest: DIGEST,
        }),
        'createModelVersion: `schemas` must be { prediction: { input, output } }, each a JSON Schema, got an object.',
      ],
      [
        createModelVersion(client, 'me/m', {
          schemas: SCHEMAS,
          container_image_digest: DIGEST,
          release_notes: 'x'.repeat(256),
        }),
        'createModelVersion: `release_notes` must be text of at most 255 characters',
      ],
    ];
    for (const [call, message] of cases) await expect(call).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends each change on its route, with its method and fields', async () => {
    const { client, fetch } = setup();
    const sent = async (call: Promise<unknown>) => {
      await call.catch(() => {});
      const request = fetch.mock.calls.at(-1)![0];
      return `${request.method} ${new URL(request.url).pathname} ${await request.text()}`;
    };
    expect(await sent(createModel(client, { name: 'm', hardware_identifier: 'cpu' }))).toBe(
      'POST /v1/models {"name":"m","hardware_identifier":"cpu"}',
    );
    expect(await sent(updateModel(client, 'me/m', { description: null }))).toBe(
      'PATCH /v1/models/me/m {"description":null}',
    );
    expect(await sent(deleteModel(client, 'me/m'))).toBe('DELETE /v1/models/me/m ');
    expect(
      await sent(createModelVersion(client, 'me/m', { schemas: SCHEMAS, container_image_digest: DIGEST })),
    ).toBe(
      `POST /v1/models/me/m/versions ${JSON.stringify({ schemas: SCHEMAS, container_image_digest: DIGEST })}`,
    );
    expect(await sent(deleteModelVersion(client, 'me/m:3'))).toBe('DELETE /v1/models/me/m/versions/3 ');
  });

  it('are not available on Replicate, and say so without sending', async () => {
    const { client, fetch } = setup({ provider: replicate });
    const calls: [Promise<unknown>, string][] = [
      [createModel(client, { name: 'm', hardware_identifier: 'cpu' }), 'createModel'],
      [updateModel(client, 'me/m', {}), 'updateModel'],
      [deleteModel(client, 'me/m'), 'deleteModel'],
      [
        createModelVersion(client, 'me/m', { schemas: SCHEMAS, container_image_digest: DIGEST }),
        'createModelVersion',
      ],
      [deleteModelVersion(client, `me/m:${'f'.repeat(64)}`), 'deleteModelVersion'],
    ];
    for (const [call, at] of calls) {
      await expect(call).rejects.toThrow(new TypeError(`${at}: \`${at}\` is not available on Replicate.`));
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
