import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Catalog } from './catalog';
import { bearerToken } from './http/bearerToken';
import { corsFor } from './http/cors';
import { faultDice, injectFaults, rateLimit } from './http/faults';
import { HttpError } from './http/HttpError';
import { MAX_BODY_BYTES } from './http/limits';
import { requireAllowedHost } from './http/requireAllowedHost';
import { requireAllowedOrigin } from './http/requireAllowedOrigin';
import { requireJsonBody } from './http/requireJsonBody';
import type { ServerOptions } from './options';
import { fileRoutes } from './routes/files';
import { modelRoutes } from './routes/models';
import { predictionRoutes } from './routes/predictions';
import type { EventHub } from './runner/EventHub';
import type { Runner } from './runner/Runner';
import type { Store } from './store/Store';
import { isoTimestamp } from './time';

/** Without a configured limit the headers still tell the truth: this is the limit enforced. */
const DEFAULT_RATE_LIMIT = { requests: 1_000_000, windowMs: 60_000 };

const LOCAL_USER = {
  id: '5f0c7d2e-8a1b-4c3d-9e4f-6a7b8c9d0e1f',
  username: 'local',
  avatar_url: null,
  name: 'Local developer',
  bio: 'The user of a local PredictKit server.',
  urls: [],
  location: null,
  company: null,
  created_at: isoTimestamp(Date.UTC(2026, 0, 1)),
  updated_at: null,
};

export interface AppDeps {
  options: ServerOptions;
  store: Store;
  catalog: Catalog;
  runner: Runner;
  events: EventHub;
  /** `closed` once the server has shut down and its store is closed. */
  lifecycle: { readonly closed: boolean };
}

const shutDown = () =>
  new HttpError(503, 'The server has shut down. Try again once it is back.', { 'retry-after': '1' });

function errorResponse(c: Context, error: HttpError): Response {
  return c.json({ detail: error.detail }, error.status as ContentfulStatusCode, error.headers);
}

/** The whole API as one `Request → Response` app, mounted under `/v1`. */
export function createApp({ options, store, catalog, runner, events, lifecycle }: AppDeps): Hono {
  const app = new Hono();
  const faults = options.faults ?? {};
  const roll = faultDice(faults);
  const origin = (c: Context) => options.baseUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('x-request-id', crypto.randomUUID());
  });

  app.use('*', requireAllowedHost({ allowedHosts: options.allowedHosts, baseUrl: options.baseUrl }));
  app.use('*', corsFor(options.corsOrigins));
  app.use('/v1/*', requireAllowedOrigin({ corsOrigins: options.corsOrigins, tokens: options.tokens }));

  if (options.tokens?.length) {
    const tokens = new Set(options.tokens);
    app.use('/v1/*', async (c, next) => {
      const token = bearerToken(c.req.header('authorization'));
      if (!token || !tokens.has(token)) {
        throw new HttpError(
          401,
          token
            ? 'Invalid token: this server does not accept the bearer token sent.'
            : 'Missing token: send `Authorization: Bearer <token>` (this server was started with --token).',
          { 'www-authenticate': 'Bearer' },
        );
      }
      await next();
    });
  }

  app.use('/v1/*', rateLimit(faults.rateLimit ?? DEFAULT_RATE_LIMIT, { tokens: options.tokens }));
  if (faults.latencyMs || faults.errorRate) app.use('/v1/*', injectFaults(faults, roll));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, `Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
      },
    }),
  );
  app.use('/v1/*', requireJsonBody());
  // last before the routes, which read the store at once: a request that waited (latency, a slow
  // body) past the shutdown gets a 503, not the closed store's error
  app.use('/v1/*', async (_c, next) => {
    if (lifecycle.closed) throw shutDown();
    await next();
  });

  const v1 = new Hono();
  v1.route(
    '/',
    predictionRoutes({
      store,
      catalog,
      runner,
      events,
      origin,
      cutStream: () => Boolean(faults.streamCutRate) && roll() < (faults.streamCutRate as number),
    }),
  );
  v1.route('/', modelRoutes(catalog));
  v1.route('/', fileRoutes(store));
  v1.get('/user', (c) => c.json(LOCAL_USER));
  app.route('/v1', v1);

  app.notFound((c) => c.json({ detail: `Not found: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    if (lifecycle.closed) return errorResponse(c, shutDown());
    options.onWarning?.(`Unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error}`);
    return c.json({ detail: 'Internal server error.' }, 500);
  });

  return app;
}
