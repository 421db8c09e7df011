import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './createClient';
import { PredictKitError } from './errors';
import { wriftai } from './wriftai';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('createClient options', () => {
  it.each([
    [{ retries: -1 }, 'createClient: `retries` must be a whole number ≥ 0, got -1.'],
    [{ retries: 1.5 }, 'createClient: `retries` must be a whole number ≥ 0, got 1.5.'],
    [{ timeoutMs: 0 }, 'createClient: `timeoutMs` must be a number > 0, got 0.'],
    [{ timeoutMs: '100' }, 'createClient: `timeoutMs` must be a number > 0, got "100".'],
    [{ baseUrl: '' }, 'createClient: `baseUrl` must be a URL or path, got "".'],
    [{ token: '' }, 'createClient: `token` must be a non-empty string, got "".'],
    [{ fetch: 'fetch' }, 'createClient: `fetch` must be a function, got "fetch".'],
    [{ headers: null }, 'createClient: `headers` must be an object, got null.'],
    [{ userAgent: 3 }, 'createClient: `userAgent` must be a non-empty string, got 3.'],
    [
      { dangerouslyAllowBrowser: 'yes' },
      'createClient: `dangerouslyAllowBrowser` must be a boolean, got "yes".',
    ],
    [{ provider: 'wriftai' }, 'createClient: `provider` must be an object, got "wriftai".'],
  ])('refuses %j', (options, message) => {
    expect(() => createClient(options as never)).toThrow(new TypeError(message));
  });

  it.each([
    ['headers', { headers: { 'x-note': 'café ☕' } }],
    ['token', { token: 'secret\nx-evil: 1' }],
    ['userAgent', { userAgent: 'app\r\nx' }],
    ['a header name', { headers: { 'bad name': 'x' } }],
  ])('refuses a header fetch would refuse (%s) at once, without showing it', (_, options) => {
    const fetch = vi.fn(async () => new Response('{}'));
    const create = () => createClient({ baseUrl: 'http://api.test/v1', fetch, ...options });
    expect(create).toThrow(
      new TypeError('createClient: `headers`, `token` and `userAgent` must be Latin-1 text on one line.'),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('names a misspelt option and lists the real ones', () => {
    expect(() => createClient({ baseURL: 'x' } as never)).toThrow(
      'createClient: unknown option `baseURL`; known: baseUrl,token,fetch,headers,timeoutMs,retries,userAgent,dangerouslyAllowBrowser,provider.',
    );
  });

  it('refuses options that are not an object', () => {
    expect(() => createClient('https://api' as never)).toThrow(
      'createClient: `options` must be an object, got "https://api".',
    );
  });

  it('defaults to the WriftAI API, trimming trailing slashes', () => {
    vi.stubEnv('WRIFTAI_API_BASE_URL', '');
    expect(createClient().baseUrl).toBe('https://api.wrift.ai/v1');
    expect(createClient({ baseUrl: 'http://localhost:8787/v1//' }).baseUrl).toBe('http://localhost:8787/v1');
  });

  it('reads WRIFTAI_API_BASE_URL on a server', () => {
    vi.stubEnv('WRIFTAI_API_BASE_URL', 'http://env.example/v1');
    expect(createClient().baseUrl).toBe('http://env.example/v1');
    expect(createClient({ baseUrl: 'http://given/v1' }).baseUrl).toBe('http://given/v1');
  });
});

describe('the client', () => {
  it('is its configuration and one request function: the operations take it, it has none', () => {
    vi.stubEnv('WRIFTAI_API_BASE_URL', '');
    const client = createClient();
    expect(Object.keys(client).sort()).toEqual(['baseUrl', 'provider', 'request', 'timeoutMs']);
    expect(client).toEqual({
      baseUrl: 'https://api.wrift.ai/v1',
      provider: wriftai,
      timeoutMs: 30_000,
      request: expect.any(Function),
    });
  });

  it('carries the timeout and the provider it was given, defaulting to the provider’s URL', () => {
    vi.stubEnv('WRIFTAI_API_BASE_URL', '');
    const provider = { ...wriftai, defaultBaseUrl: 'https://other.example/api' };
    const client = createClient({ provider, timeoutMs: 5000 });
    expect(client.provider).toBe(provider);
    expect(client.timeoutMs).toBe(5000);
    expect(client.baseUrl).toBe('https://other.example/api');
  });

  it.each([
    ['GET', 'getPrediction'],
    ['POST', 'createPrediction'],
  ])(
    'refuses a relative baseUrl on a server at once (%s): nothing is sent or retried',
    async (method, at) => {
      const fetch = vi.fn(async () => new Response('{}'));
      const client = createClient({ baseUrl: '/api/predictkit', fetch, retries: 2 });
      const error = await client.request(method, '/predictions', { label: at }).catch((e: unknown) => e);
      expect(error).toEqual(
        new TypeError(
          `${at}: cannot request "/api/predictkit/predictions". Outside a browser, \`baseUrl\` must be an absolute URL.`,
        ),
      );
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});

describe('a fetch given in the options', () => {
  it('is called on its own, as a browser’s `window.fetch` must be (not as a method of the options)', async () => {
    const seen: unknown[] = [];
    const fetch = function (this: unknown) {
      seen.push(this);
      return Promise.resolve(Response.json({ ok: true }));
    };
    await expect(
      createClient({ baseUrl: 'http://api.test/v1', fetch }).request('GET', '/x'),
    ).resolves.toEqual({
      ok: true,
    });
    expect(seen).toEqual([undefined]);
  });

  it('resolves a relative baseUrl against the page’s <base href>, as the browser does', async () => {
    vi.stubGlobal('location', { href: 'http://page.test/app/page' });
    vi.stubGlobal('document', { baseURI: 'http://page.test/base/' });
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      urls.push(request.url);
      return Response.json({});
    };
    await createClient({ baseUrl: 'api/predictkit', fetch }).request('GET', '/x');
    expect(urls).toEqual(['http://page.test/base/api/predictkit/x']);
  });

  it.each([
    ['a baseUrl', 'https://me:hunter2@api.test/v1', '/x'],
    ['an absolute URL', 'http://api.test/v1', 'http://me:hunter2@api.test/v1/x'],
  ])(
    'is not called for %s with credentials in it, which fails at once without showing them',
    async (_, baseUrl, path) => {
      const fetch = vi.fn(async () => new Response('{}'));
      const client = createClient({ baseUrl, fetch });
      await expect(client.request('GET', path, { label: 'getX' })).rejects.toThrow(
        new TypeError('getX: cannot request a URL with a user name or password.'),
      );
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});

describe('an error answer', () => {
  it('reads as one sentence per part, whether or not the service ended its words with a full stop', async () => {
    const answer = (detail: string, headers = {}) =>
      createClient({
        baseUrl: 'http://api.test/v1',
        fetch: async () => Response.json({ detail }, { status: 413, headers }),
      }).request('POST', '/files', { label: 'upload' });
    await expect(answer('Too large.')).rejects.toThrow(
      /^upload failed with 413: Too large\. Check the request\.$/,
    );
    await expect(answer('Too large')).rejects.toThrow(
      /^upload failed with 413: Too large\. Check the request\.$/,
    );
    await expect(answer('Too large.', { 'x-request-id': 'r1' })).rejects.toThrow(
      /^upload failed with 413: Too large \(request id r1\)\. Check the request\.$/,
    );
  });
});

describe('a request that is not retried', () => {
  const failing = (answer: () => Promise<Response>) =>
    createClient({ baseUrl: 'http://api.test/v1', fetch: answer, retries: 3 });

  it('is sent once, and its error says what it may have done', async () => {
    const fetch = vi.fn(async () => Response.json({ detail: 'Upstream down' }, { status: 503 }));
    const client = failing(fetch);
    await expect(client.request('DELETE', '/models/a/b', { label: 'deleteModel' })).rejects.toThrow(
      /^deleteModel failed with 503: Upstream down\. Not retried: it may have been carried out\.$/,
    );
    await expect(
      client.request('POST', '/x', { label: 'sendFeedback', unsure: 'it may have been recorded' }),
    ).rejects.toThrow(/Not retried: it may have been recorded\.$/);
    expect(fetch).toHaveBeenCalledTimes(2);
    const lost = failing(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(
      lost.request('POST', '/x', { label: 'send', unsure: 'it may have been sent' }),
    ).rejects.toThrow(
      /^send: cannot reach http:\/\/api\.test\/v1\/x \(fetch failed\)\. Not retried: it may have been sent\.$/,
    );
  });
});

describe('the token', () => {
  it.each([
    'http://api.test.evil.example/v1/user',
    'https://api.test/v1/user',
    'http://api.test:8080/v1/user',
  ])(
    'goes to the origin of baseUrl only: %s gets neither the token nor the client’s headers',
    async (url) => {
      const fetch = vi.fn(async (_request: Request) => new Response('{}'));
      const client = createClient({
        baseUrl: 'http://api.test/v1',
        token: 'secret',
        headers: { 'x-tenant': 'acme' },
        userAgent: 'app/1',
        fetch,
      });
      await client.request('GET', url, { label: 'getUser', headers: { accept: 'text/event-stream' } });
      const sent = fetch.mock.calls[0]![0];
      expect(sent.url).toBe(url);
      // Only what the call itself sets.
      expect([...sent.headers]).toEqual([['accept', 'text/event-stream']]);
    },
  );

  it('goes nowhere else by a path that leads off a baseUrl without one: that request gets no token either', async () => {
    const fetch = vi.fn(async (_request: Request) => new Response('{}'));
    const client = createClient({ baseUrl: 'http://api.test', token: 'secret', fetch });
    await client.request('GET', '.evil.example/x');
    // A URL with credentials in it is no `Request` at all: nothing is sent.
    await expect(client.request('GET', '@evil.example/x')).rejects.toThrow(TypeError);
    expect(fetch.mock.calls.map(([r]) => [new URL(r.url).host, r.headers.get('authorization')])).toEqual([
      ['api.test.evil.example', null],
    ]);
  });

  it('goes with absolute URLs on the same origin', async () => {
    const fetch = vi.fn(async (_request: Request) => new Response('{"ok":1}'));
    const client = createClient({ baseUrl: 'http://api.test/v1', token: 'secret', fetch });
    await expect(client.request('GET', 'http://api.test/other')).resolves.toEqual({ ok: 1 });
    expect(fetch.mock.calls[0]![0].headers.get('authorization')).toBe('Bearer secret');
  });
});

describe('without a fetch option', () => {
  it('calls the global fetch with the URL and init as they are (no Request to copy), the token only on its origin', async () => {
    const fetch = vi.fn(async (_url: URL, _init: RequestInit) => Response.json({ ok: 1 }));
    vi.stubGlobal('fetch', fetch);
    const client = createClient({ baseUrl: 'http://api.test/v1', token: 'secret', userAgent: 'app/1' });
    await expect(client.request('POST', '/predictions', { body: { a: 1 } })).resolves.toEqual({ ok: 1 });
    await client.request('GET', 'http://cdn.test/x', { headers: { accept: 'text/event-stream' } });
    const [[url, init], [offUrl, offInit]] = fetch.mock.calls as [[URL, RequestInit], [URL, RequestInit]];
    expect([`${url}`, init.method, init.body, init.headers]).toEqual([
      'http://api.test/v1/predictions',
      'POST',
      '{"a":1}',
      {
        accept: 'application/json',
        authorization: 'Bearer secret',
        'user-agent': 'app/1',
        'content-type': 'application/json',
      },
    ]);
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect([`${offUrl}`, offInit.headers]).toEqual(['http://cdn.test/x', { accept: 'text/event-stream' }]);
  });
});

describe('in a browser', () => {
  const asBrowser = () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
  };

  it('takes a token where a `window` has no `document` (Deno), which is a server', () => {
    vi.stubGlobal('window', {});
    expect(() => createClient({ token: 'secret' })).not.toThrow();
  });

  it('refuses a token in a web worker too, which has no window', () => {
    vi.stubGlobal('importScripts', () => {});
    expect(() => createClient({ token: 'secret' })).toThrow(/every visitor can read a token/);
    expect(() => createClient({ token: 'secret', dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it('refuses a token, explaining the proxy', () => {
    asBrowser();
    const error = (() => {
      try {
        createClient({ token: 'secret' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PredictKitError);
    expect((error as Error).message).toBe(
      'createClient: every visitor can read a token in a browser. Use a proxy (createProxyHandler in ' +
        '@predictkit/core/server) as `baseUrl`, or set `dangerouslyAllowBrowser`.',
    );
  });

  it('takes a token when told it is safe', () => {
    asBrowser();
    expect(() => createClient({ token: 'secret', dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it('reads no environment variables, and takes a proxy path as its base URL', () => {
    asBrowser();
    vi.stubEnv('WRIFTAI_ACCESS_TOKEN', 'leaked');
    vi.stubEnv('WRIFTAI_API_BASE_URL', 'http://env.example/v1');
    const client = createClient({ baseUrl: '/api/predictkit' });
    expect(client.baseUrl).toBe('/api/predictkit');
    expect(createClient().baseUrl).toBe('https://api.wrift.ai/v1');
  });
});
