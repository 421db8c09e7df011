import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bearerToken } from './http/bearerToken';
import { corsFor } from './http/cors';
import { faultDice, injectFaults, rateLimit } from './http/faults';
import { HttpError } from './http/HttpError';
import { MAX_BODY_BYTES } from './http/limits';
import { requireAllowedHost } from './http/requireAllowedHost';
import { requireAllowedOrigin } from './http/requireAllowedOrigin';
import { requireJsonBody } from './http/requireJsonBody';
import type { Surface, SurfaceDeps } from './surfaces/Surface';
import { avatarSvg } from './users/avatarSvg';
import { AVATAR_PATH } from './users/avatarUrl';

/** Without a configured limit the headers still tell the truth: this is the limit enforced. */
const DEFAULT_RATE_LIMIT = { requests: 1_000_000, windowMs: 60_000 };

export interface AppDeps extends Omit<SurfaceDeps, 'origin' | 'cutStream' | 'caller'> {
  surfaces: readonly Surface[];
  /** `closed` once the server has shut down and its store is closed. */
  lifecycle: { readonly closed: boolean };
}

const shutDown = () =>
  new HttpError(503, 'The server has shut down. Try again once it is back.', { 'retry-after': '1' });

/**
 * The whole server as one `Request → Response` app: each surface mounted at its base path, every
 * one behind the same rules, in this order: the Host, CORS, the page's origin for changes, the
 * token, the rate limit, injected faults, the body's size and type, and the shutdown.
 */
export function createApp({ surfaces, lifecycle, ...deps }: AppDeps): Hono {
  const { options } = deps;
  const app = new Hono();
  const faults = options.faults ?? {};
  const roll = faultDice(faults);
  const surfaceOf = (c: Context) =>
    surfaces.find((s) => c.req.path === s.basePath || c.req.path.startsWith(`${s.basePath}/`));
  const signed = (c: Context) => surfaceOf(c)?.isSigned?.(c) ?? false;
  const tokenOf = (c: Context) => {
    const auth = surfaceOf(c)?.auth;
    const header = c.req.header('authorization');
    return auth ? auth.tokenOf(header, c) : bearerToken(header);
  };

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('x-request-id', crypto.randomUUID());
  });

  app.use('*', requireAllowedHost({ allowedHosts: options.allowedHosts, baseUrl: options.baseUrl }));
  app.use('*', corsFor(options.corsOrigins));

  // one instance of each rule serves every surface: a client has one rate-limit window wherever it calls
  // an account's token is one of the server's tokens, one that acts as its user
  const allTokens = [...(options.tokens ?? []), ...(options.accounts ?? []).map((a) => a.token)];
  const rules = [requireAllowedOrigin({ corsOrigins: options.corsOrigins, tokens: allTokens, tokenOf })];
  if (allTokens.length > 0) {
    const tokens = new Set(allTokens);
    rules.push(async (c, next) => {
      const token = tokenOf(c);
      // a signed URL (a stream, a download) is checked by its route, as the service's are
      if (signed(c)) return next();
      if (!token || !tokens.has(token)) {
        const { scheme, how } = surfaceOf(c)?.auth ?? {
          scheme: 'Bearer',
          how: '`Authorization: Bearer <token>`',
        };
        throw new HttpError(
          401,
          token
            ? 'Invalid token: this server does not accept the token sent.'
            : `Missing token: send ${how} (this server was started with --token).`,
          { 'www-authenticate': scheme },
        );
      }
      await next();
    });
  }
  rules.push(rateLimit(faults.rateLimit ?? DEFAULT_RATE_LIMIT, { tokens: allTokens, tokenOf }));
  if (faults.latencyMs || faults.errorRate) rules.push(injectFaults(faults, roll));
  rules.push(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, `Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
      },
    }),
  );
  rules.push(requireJsonBody({ multipart: (c) => surfaceOf(c)?.takesMultipart?.(c) ?? false }));
  // last before the routes, which read the store at once: a request that waited (latency, a slow
  // body) past the shutdown gets a 503, not the closed store's error
  rules.push(async (_c, next) => {
    if (lifecycle.closed) throw shutDown();
    await next();
  });

  const surfaceDeps: SurfaceDeps = {
    ...deps,
    origin: (c) => options.baseUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin,
    caller: (c) => deps.registry.caller(tokenOf(c)),
    cutStream: () => Boolean(faults.streamCutRate) && roll() < (faults.streamCutRate as number),
  };
  for (const surface of surfaces) {
    for (const rule of rules) app.use(`${surface.basePath}/*`, rule);
    app.route(surface.basePath, surface.routes(surfaceDeps));
  }

  // outside every surface and its token: an <img> sends none, and avatars are public as a CDN's are
  app.get('/avatars/:file', (c) => {
    const id = AVATAR_PATH.exec(c.req.path)?.[1];
    if (!id) throw new HttpError(404, `Not found: GET ${c.req.path}`);
    return c.body(avatarSvg(id), 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });

  const answer = (c: Context, error: HttpError) =>
    (surfaceOf(c) ?? (surfaces[0] as Surface)).errorResponse(c, error);

  app.notFound((c) =>
    answer(c, new HttpError(404, `Not found: ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );

  app.onError((error, c) => {
    if (error instanceof HttpError) return answer(c, error);
    if (lifecycle.closed) return answer(c, shutDown());
    options.onWarning?.(`Unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error}`);
    return answer(c, new HttpError(500, 'Internal server error.'));
  });

  return app;
}
