import type { Context, Hono } from 'hono';
import type { Catalog } from '../catalog';
import type { FileIdFromPath } from '../files';
import type { HttpError } from '../http/HttpError';
import type { ServerOptions } from '../options';
import type { Registry } from '../registry/Registry';
import type { EventHub } from '../runner/EventHub';
import type { Runner } from '../runner/Runner';
import type { WebhookSender } from '../runner/WebhookSender';
import type { ServerSecrets } from '../secrets';
import type { PredictionRecord, PredictionWebhook, Store, StoredFile, UserRecord } from '../store/Store';

/** What every surface's routes work with: the one runner and store behind all of them. */
export interface SurfaceDeps {
  options: ServerOptions;
  store: Store;
  catalog: Catalog;
  /** Users and models, demo and made through the API, and who may see and change which. */
  registry: Registry;
  runner: Runner;
  events: EventHub;
  secrets: ServerSecrets;
  /** The origin for absolute URLs: `baseUrl`, or the request's own. */
  origin: (c: Context) => string;
  /**
   * The user a request acts as (`Registry.caller`), from the token the app checked, read as its
   * surface sends it: an account's user, or the local user.
   */
  caller: (c: Context) => UserRecord;
  /** Rolled once per stream event when stream cuts are injected. */
  cutStream: () => boolean;
  /** One of this server's files from its URL, in any surface's form. */
  ownFile: (url: string, origin: string) => StoredFile | undefined;
}

/** What a surface's webhooks need: no request, so the origin is the one the prediction was made on. */
export interface SurfaceWebhookDeps {
  sender: WebhookSender;
  catalog: Catalog;
  secrets: ServerSecrets;
}

/** A change a surface's webhook hears of (see `Runner`); it decides what, if anything, to deliver. */
export type SurfaceWebhooks = (
  webhook: PredictionWebhook,
  prediction: PredictionRecord,
  change: 'status' | 'output' | 'logs',
) => void;

/**
 * One service's HTTP API over the shared runner and store: its routes, its error shape, its file
 * URLs and its webhooks. The app mounts each at its base path behind the same rules (hosts, CORS,
 * origins, tokens, rate limits, faults, body limits, shutdown).
 */
export interface Surface {
  /** Where its routes are mounted, e.g. `/v1`. */
  basePath: string;
  routes(deps: SurfaceDeps): Hono;
  /** The service's error answer. */
  errorResponse(c: Context, error: HttpError): Response;
  /** The id of a file of this server named by a URL path in this surface's forms. */
  fileIdFromPath: FileIdFromPath;
  /** A request that carries its own proof (a signed URL) in place of the bearer token. */
  isSigned?(c: Context): boolean;
  /** A request whose body is multipart (an upload) rather than JSON. */
  takesMultipart?(c: Context): boolean;
  /**
   * How its clients send the token, when not as `Authorization: Bearer <token>` (Weave's send HTTP
   * Basic, Anthropic's clients `x-api-key`): the scheme a `401` asks for, how to send it in words,
   * and the token a request sends, given its `Authorization` header.
   */
  auth?: {
    scheme: string;
    how: string;
    tokenOf(authorization: string | undefined, c: Context): string | undefined;
  };
  webhooks(deps: SurfaceWebhookDeps): SurfaceWebhooks;
}
