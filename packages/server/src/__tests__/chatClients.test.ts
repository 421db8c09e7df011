/**
 * The judges of the WriftAI surface's compatibility endpoints: OpenAI's official client (`openai`
 * 7.60.0) and Anthropic's (`@anthropic-ai/sdk` 1.17.0), used as their READMEs show, over HTTP
 * against the real local server. Nothing here adapts the clients: every call must work as on the
 * services they were written for.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Prediction } from '@predictkit/core';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { parseCliArgs } from '../node/parseCliArgs';
import type { ServerOptions } from '../options';

type OpenAIError = InstanceType<typeof OpenAI.APIError>;
type AnthropicError = InstanceType<typeof Anthropic.APIError>;

const TOKEN = 'chat-test-token';
const MODEL = 'predictkit/text-generator';
const PROMPT = 'Alice was beginning to get very tired';

let http: ListeningServer | undefined;
afterEach(async () => {
  await http?.close({ graceMs: 0 });
  http = undefined;
});

async function start(options: ServerOptions = {}) {
  http = await listen({ port: 0, timeScale: 0.01, onWarning: () => {}, tokens: [TOKEN], ...options });
  const { url } = http;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}/v1${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return (await response.json()) as T;
  };
  return {
    // OpenAI's client takes the API's base; Anthropic's adds `/v1` to the origin itself
    openai: new OpenAI({ apiKey: TOKEN, baseURL: `${url}/v1` }),
    anthropic: new Anthropic({ apiKey: TOKEN, baseURL: url }),
    url,
    prediction: (id: string) => get<Prediction>(`/predictions/${id}`),
    predictions: async () => (await get<{ items: Prediction[] }>('/predictions?page_size=50')).items,
  };
}

/** The prediction id an answer's id carries (`chatcmpl-<id>`, `msg_<id>`). */
const predictionIdOf = (answerId: string) => answerId.replace(/^(?:chatcmpl-|msg_)/, '');

describe('OpenAI client: chat completions', () => {
  it('creates a completion: one prediction of the named model, listed like any other', async () => {
    const { openai, prediction, predictions } = await start();
    const completion = await openai.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You tell stories.' },
        { role: 'user', content: PROMPT },
      ],
      max_tokens: 12,
      temperature: 0.5,
      seed: 7,
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'predictkit/text-generator:2',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }],
      usage: { completion_tokens: 12 },
    });
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(completion.created).toBeGreaterThan(1_700_000_000);
    const text = completion.choices[0]?.message.content ?? '';
    expect(text.trim().length).toBeGreaterThan(0);
    const usage = completion.usage as OpenAI.CompletionUsage;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + 12);

    const id = predictionIdOf(completion.id);
    expect((await predictions()).map((p) => p.id)).toContain(id);
    const run = await prediction(id);
    expect(run).toMatchObject({ status: 'succeeded', input: { max_tokens: 12, temperature: 0.5, seed: 7 } });
    expect(run.input?.prompt).toBe(`You tell stories.\n\nUser: ${PROMPT}\nAssistant:`);
    expect((run.output as string[]).join('')).toBe(text);
  });

  it('streams chunks that add up to the same answer, then [DONE], with the usage when asked', async () => {
    const { openai } = await start();
    const request = {
      model: MODEL,
      messages: [{ role: 'user' as const, content: PROMPT }],
      max_tokens: 10,
      seed: 3,
    };
    const whole = await openai.chat.completions.create(request);
    const stream = await openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    for (const chunk of chunks) expect(chunk.object).toBe('chat.completion.chunk');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0]?.message.content);
    // one chunk per token, then the finish, then the usage alone
    expect(chunks.filter((c) => c.choices[0]?.delta.content)).toHaveLength(10);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 10 } });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('answers a stream that ends before max_tokens with finish_reason "stop"', async () => {
    const { openai } = await start();
    const completion = await openai.chat.completions.create({
      model: 'predictkit/text-generator:2',
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: 200,
      stop: ['.'],
      seed: 11,
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.content).not.toContain('.');
  });

  it('refuses, in its error shape, what cannot chat or does not fit the model', async () => {
    const { openai, url } = await start();
    const create = (body: Record<string, unknown>) =>
      openai.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Hi' }],
        ...body,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);

    const image = await create({ model: 'predictkit/image-generator' }).catch((e: unknown) => e);
    expect(image).toBeInstanceOf(OpenAI.BadRequestError);
    expect((image as OpenAIError).message).toMatch(/predictkit\/image-generator:\d+ cannot chat/);
    expect((image as OpenAIError).param).toBe('model');

    const tooMany = (await create({ max_tokens: 5000 }).catch((e: unknown) => e)) as OpenAIError;
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany.param).toBe('max_tokens');
    expect(tooMany.message).toMatch(/`max_tokens` does not fit predictkit\/text-generator:2/);

    const images = await create({
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
      ],
    }).catch((e: unknown) => e);
    expect((images as OpenAIError).param).toBe('messages[0].content[0]');

    const seed = (await create({ seed: 1.5 }).catch((e: unknown) => e)) as OpenAIError;
    expect(seed).toMatchObject({
      status: 400,
      param: 'seed',
      message: '400 `seed` should be a whole number, got 1.5',
    });

    await expect(create({ model: 'predictkit/nope' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(create({ model: 'not a model' })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const stranger = new OpenAI({ apiKey: 'wrong', baseURL: `${url}/v1` });
    await expect(
      stranger.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    const raw = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [] }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: {
        message: '`messages` should be a non-empty list of {role, content}',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'invalid_type',
      },
    });
  });

  it('times out a slow model: the prediction is canceled, the answer is a 504, not retried', async () => {
    const { openai, predictions, prediction } = await start({ timeScale: 1, chatTimeoutMs: 150 });
    const error = (await openai.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: PROMPT }] })
      .catch((e: unknown) => e)) as OpenAIError;
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(504);
    expect(error.message).toMatch(/did not answer within 0\.15 s, so its prediction .+ was canceled/);
    const made = await predictions();
    expect(made).toHaveLength(1);
    // WriftAI shows a canceled prediction as failed, marked canceled
    expect(await prediction(made[0]?.id as string)).toMatchObject({
      status: 'failed',
      error: { detail: { canceled: true } },
    });
  });

  it('ends a stream that times out with an error the client throws', async () => {
    const { openai, predictions } = await start({ timeScale: 1, chatTimeoutMs: 150 });
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    const read = async () => {
      for await (const _ of stream);
    };
    await expect(read()).rejects.toThrow(/did not answer within 0\.15 s/);
    expect(await predictions()).toHaveLength(1);
  });

  it('cancels the prediction when the client stops reading a stream', async () => {
    const { openai, predictions, prediction } = await start();
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: 1024,
      stream: true,
    });
    let read = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content && ++read === 2) break;
    const [made] = await predictions();
    const id = made?.id as string;
    await expect.poll(async () => (await prediction(id)).status, { timeout: 5000 }).toBe('failed');
    const ended = await prediction(id);
    expect(ended.error?.detail).toEqual({ canceled: true });
    expect((ended.output as string[]).length).toBeLessThan(1024);
  });

  it('takes its timeout from --chat-timeout', () => {
    expect(parseCliArgs(['--chat-timeout', '2.5']).chatTimeoutMs).toBe(2500);
    expect(() => parseCliArgs(['--chat-timeout', '0'])).toThrow(/--chat-timeout/);
  });
});

describe('Anthropic client: messages', () => {
  it('creates a message, sending its key as x-api-key', async () => {
    const { anthropic, prediction } = await start();
    const message = await anthropic.messages.create({
      model: MODEL,
      max_tokens: 8,
      system: 'You tell stories.',
      messages: [
        { role: 'user', content: 'Tell me about the rabbit.' },
        { role: 'assistant', content: 'The White Rabbit was late.' },
        { role: 'user', content: [{ type: 'text', text: PROMPT }] },
      ],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'predictkit/text-generator:2',
      stop_reason: 'max_tokens',
      usage: { output_tokens: 8 },
    });
    expect(message.id).toMatch(/^msg_[0-9a-f-]{36}$/);
    const [block] = message.content;
    expect(block?.type).toBe('text');
    const run = await prediction(predictionIdOf(message.id));
    expect(run.input).toMatchObject({ max_tokens: 8 });
    expect(run.input?.prompt).toBe(
      `You tell stories.\n\nUser: Tell me about the rabbit.\nAssistant: The White Rabbit was late.\nUser: ${PROMPT}\nAssistant:`,
    );
    expect((run.output as string[]).join('')).toBe((block as Anthropic.TextBlock).text);
  });

  it('streams the event sequence, and its helper gathers the same message', async () => {
    const { anthropic } = await start();
    const request = {
      model: MODEL,
      max_tokens: 6,
      messages: [{ role: 'user' as const, content: PROMPT }],
    };
    const stream = await anthropic.messages.create({ ...request, stream: true });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events.filter((e) => e.type === 'content_block_delta')).toHaveLength(6);
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({
      delta: { stop_reason: 'max_tokens' },
      usage: { output_tokens: 6 },
    });

    const helper = anthropic.messages.stream(request);
    const texts: string[] = [];
    helper.on('text', (text) => texts.push(text));
    const final = await helper.finalMessage();
    expect(texts).toHaveLength(6);
    expect((final.content[0] as Anthropic.TextBlock).text).toBe(texts.join(''));
    expect(final.stop_reason).toBe('max_tokens');
  });

  it('refuses in its error shape: a missing max_tokens, a model that cannot chat, a wrong key', async () => {
    const { anthropic, url } = await start();
    const noMax = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(noMax.status).toBe(400);
    expect(await noMax.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: '`max_tokens` is required' },
    });

    const echo = await anthropic.messages
      .create({ model: 'predictkit/echo', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(echo).toBeInstanceOf(Anthropic.BadRequestError);
    expect((echo as AnthropicError).message).toMatch(
      /predictkit\/echo:1 cannot chat: its input has no `prompt`/,
    );

    const stranger = new Anthropic({ apiKey: 'wrong', baseURL: url });
    await expect(
      stranger.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('times out a slow model with a timeout_error, in a stream too', async () => {
    const { anthropic, predictions } = await start({ timeScale: 1, chatTimeoutMs: 150 });
    const request = { model: MODEL, max_tokens: 50, messages: [{ role: 'user' as const, content: PROMPT }] };
    const error = (await anthropic.messages.create(request).catch((e: unknown) => e)) as AnthropicError;
    expect(error.status).toBe(504);
    expect(error.type).toBe('timeout_error');
    const stream = await anthropic.messages.create({ ...request, stream: true });
    const read = async () => {
      for await (const _ of stream);
    };
    await expect(read()).rejects.toThrow(/did not answer within 0\.15 s/);
    const made = await predictions();
    expect(made).toHaveLength(2);
    expect(made.every((p) => p.status === 'failed')).toBe(true);
  });
});
