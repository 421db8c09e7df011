/**
 * `@predictkit/core/chat` against the real local server: chat completions and messages, whole and
 * streamed, the timeout that cancels a slow model's prediction, a reader that stops, and every
 * argument checked before anything is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChatCompletionChunk,
  createChatCompletion,
  createMessage,
  type MessageStreamEvent,
} from '../chat/index';
import { ApiError, getPrediction } from '../index';
import { createClient as createReplicateClient } from '../replicate/index';
import { collect } from './collect';
import { type Local, local } from './localServer';

const MODEL = 'predictkit/text-generator';
const PROMPT = 'Alice was beginning to get very tired';
const USER = [{ role: 'user' as const, content: PROMPT }];

let api: Local;
afterEach(() => api?.close());

const idOf = (answerId: string) => answerId.replace(/^(?:chatcmpl-|msg_)/, '');

describe('createChatCompletion', () => {
  it('answers a chat.completion from one prediction of the model', async () => {
    api = local();
    const completion = await createChatCompletion(api.client, {
      model: MODEL,
      messages: [{ role: 'system', content: 'You tell stories.' }, ...USER],
      maxTokens: 9,
      temperature: 0.4,
      seed: 5,
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'predictkit/text-generator:2',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }],
      usage: { completion_tokens: 9 },
    });
    const prediction = await getPrediction(api.client, idOf(completion.id));
    expect(prediction.status).toBe('succeeded');
    expect(prediction.input).toMatchObject({ max_tokens: 9, temperature: 0.4, seed: 5 });
    expect((prediction.output as string[]).join('')).toBe(completion.choices[0]?.message.content);
    const [sent] = api.sent;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
  });

  it('streams chunks, the usage last when asked, adding up to the whole answer', async () => {
    api = local();
    const params = { model: MODEL, messages: USER, maxTokens: 7, seed: 2 };
    const whole = await createChatCompletion(api.client, params);
    const chunks: ChatCompletionChunk[] = await collect(
      createChatCompletion(api.client, { ...params, stream: true, includeUsage: true }),
    );
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      whole.choices[0]?.message.content,
    );
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 7 } });
  });

  it('cancels the prediction when the reader stops, or its signal aborts', async () => {
    api = local();
    const stream = createChatCompletion(api.client, {
      model: MODEL,
      messages: USER,
      maxTokens: 1024,
      stream: true,
    });
    let id = '';
    for await (const chunk of stream) {
      id = idOf(chunk.id);
      if (chunk.choices[0]?.delta.content) break;
    }
    await expect.poll(async () => (await getPrediction(api.client, id)).status).toBe('canceled');

    const controller = new AbortController();
    const aborted = createChatCompletion(api.client, {
      model: MODEL,
      messages: USER,
      maxTokens: 1024,
      stream: true,
      signal: controller.signal,
    });
    const read = (async () => {
      for await (const chunk of aborted) {
        id = idOf(chunk.id);
        if (chunk.choices[0]?.delta.content) controller.abort();
      }
    })();
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(async () => (await getPrediction(api.client, id)).status).toBe('canceled');
  });

  it('times out a slow model: an ApiError 504, and its prediction is canceled', async () => {
    api = local({ timeScale: 1, chatTimeoutMs: 150 });
    const error = await createChatCompletion(api.client, { model: MODEL, messages: USER }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 504 });
    expect((error as Error).message).toMatch(
      /^createChatCompletion failed with 504: predictkit\/text-generator:2 did not answer within 0\.15 s, so its prediction ([0-9a-f-]{36}) was canceled/,
    );
    const id = /prediction ([0-9a-f-]{36})/.exec((error as Error).message)?.[1] as string;
    await expect.poll(async () => (await getPrediction(api.client, id)).status).toBe('canceled');

    const streamed = collect(
      createChatCompletion(api.client, { model: MODEL, messages: USER, stream: true }),
    );
    await expect(streamed).rejects.toMatchObject({
      name: 'ApiError',
      status: 504,
      message: expect.stringMatching(
        /^createChatCompletion: the stream ended with an error: .*did not answer/,
      ),
    });
  });

  it('refuses, in the service’s words, a model that cannot chat or an input that does not fit', async () => {
    api = local();
    await expect(
      createChatCompletion(api.client, { model: 'predictkit/image-generator', messages: USER }),
    ).rejects.toMatchObject({
      name: 'ApiError',
      status: 400,
      message: expect.stringMatching(
        /^createChatCompletion failed with 400: Model predictkit\/image-generator:\d+ cannot chat/,
      ),
    });
    await expect(
      createChatCompletion(api.client, { model: MODEL, messages: USER, maxTokens: 5000 }),
    ).rejects.toMatchObject({ status: 400, detail: expect.stringMatching(/^`max_tokens` does not fit/) });
    await expect(
      createChatCompletion(api.client, { model: 'predictkit/missing', messages: USER }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('createMessage', () => {
  it('answers a message, and streams its event sequence', async () => {
    api = local();
    const params = {
      model: MODEL,
      messages: USER,
      maxTokens: 5,
      system: 'You tell stories.',
      temperature: 0,
    };
    const message = await createMessage(api.client, params);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'max_tokens',
      usage: { output_tokens: 5 },
    });
    const events: MessageStreamEvent[] = await collect(
      createMessage(api.client, { ...params, stream: true }),
    );
    expect([...new Set(events.map((e) => e.type))]).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const text = events.map((e) => (e.type === 'content_block_delta' ? e.delta.text : '')).join('');
    expect(text).toBe(message.content[0]?.text);
  });

  it('times out a slow model with an ApiError 504', async () => {
    api = local({ timeScale: 1, chatTimeoutMs: 150 });
    await expect(
      createMessage(api.client, { model: MODEL, messages: USER, maxTokens: 50 }),
    ).rejects.toMatchObject({
      name: 'ApiError',
      status: 504,
    });
    await expect(
      collect(createMessage(api.client, { model: MODEL, messages: USER, maxTokens: 50, stream: true })),
    ).rejects.toMatchObject({ status: 504 });
  });
});

describe('arguments', () => {
  /** What a call settles with: its promise, or its stream read to the end. */
  const settled = (call: Promise<unknown> | AsyncIterable<unknown>) =>
    call instanceof Promise ? call : collect(call);

  it('checks every argument before sending anything, with the stream form too', async () => {
    api = local();
    const { client } = api;
    const chat = (params: Record<string, unknown>) =>
      settled(createChatCompletion(client, { model: MODEL, messages: USER, ...params } as never));
    await expect(chat({ max_tokens: 5 })).rejects.toThrow(
      /createChatCompletion: unknown option `max_tokens`/,
    );
    await expect(chat({ max_tokens: 5, stream: true })).rejects.toThrow(/unknown option `max_tokens`/);
    await expect(chat({ messages: [] })).rejects.toThrow(
      'createChatCompletion: `messages` must be a non-empty array of { role, content }, got an array.',
    );
    await expect(chat({ messages: [{ role: 'tool', content: 'x' }] })).rejects.toThrow(
      'createChatCompletion: `messages[0].role` must be "system", "developer", "user" or "assistant", got "tool".',
    );
    await expect(chat({ messages: [{ role: 'user', content: [{ type: 'image_url' }] }] })).rejects.toThrow(
      /`messages\[0\]\.content` must be a string or an array of \{ type: "text", text \}/,
    );
    await expect(chat({ temperature: 3 })).rejects.toThrow(
      '`temperature` must be a number from 0 to 2, got 3.',
    );
    await expect(chat({ maxTokens: 0 })).rejects.toThrow('`maxTokens` must be a whole number ≥ 1, got 0.');
    await expect(chat({ stop: ['a', 'b', 'c', 'd', 'e'], stream: true })).rejects.toThrow(/`stop` must be/);
    await expect(chat({ seed: 1.5 })).rejects.toThrow('`seed` must be a whole number, got 1.5.');
    await expect(chat({ stream: 'yes' })).rejects.toThrow('`stream` must be a boolean, got "yes".');
    await expect(chat({ includeUsage: true })).rejects.toThrow(/`includeUsage` goes with `stream: true`/);
    await expect(chat({ model: 'no-slash' })).rejects.toThrow(
      /^createChatCompletion: Invalid model reference "no-slash"/,
    );
    await expect(chat({ timeoutMs: -1 })).rejects.toThrow('`timeoutMs` must be a number > 0, got -1.');
    await expect(createChatCompletion({} as never, { model: MODEL, messages: USER })).rejects.toThrow(
      '`client` must be a client from createClient, got an object.',
    );

    const message = (params: Record<string, unknown>) =>
      settled(createMessage(client, { model: MODEL, messages: USER, maxTokens: 5, ...params } as never));
    await expect(message({ maxTokens: undefined })).rejects.toThrow(
      /createMessage: `maxTokens` must be a whole number ≥ 1/,
    );
    await expect(message({ messages: [{ role: 'system', content: 'x' }] })).rejects.toThrow(
      '`messages[0].role` must be "user" or "assistant", got "system".',
    );
    await expect(message({ temperature: 1.5 })).rejects.toThrow(
      '`temperature` must be a number from 0 to 1, got 1.5.',
    );
    await expect(message({ system: 42 })).rejects.toThrow(/`system` must be a string or an array/);
    await expect(message({ stopSequences: 'end', stream: true })).rejects.toThrow(
      /`stopSequences` must be an array of 1 to 4/,
    );
    expect(api.sent).toHaveLength(0);
  });

  it('refuses by name on Replicate, which has no chat endpoints', async () => {
    const replicate = createReplicateClient({ token: 'r8_x', baseUrl: 'http://127.0.0.1:1/replicate/v1' });
    await expect(createChatCompletion(replicate, { model: MODEL, messages: USER })).rejects.toThrow(
      'createChatCompletion: `createChatCompletion` is not available on Replicate.',
    );
    await expect(
      collect(createMessage(replicate, { model: MODEL, messages: USER, maxTokens: 5, stream: true })),
    ).rejects.toThrow('createMessage: `createMessage` is not available on Replicate.');
  });
});
