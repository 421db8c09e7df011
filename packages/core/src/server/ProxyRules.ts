import type { ModelRef, Prediction, WebhookConfig } from '../types';

/**
 * What a route does for the proxy: `list` is the visitor's own list; `create`, `read`, `stream`
 * and `cancel` act on predictions (the first three checked against the ownership record);
 * `public` passes through (the catalogue, output files); `upload` takes a multipart file;
 * `feedback` is the proxy's own, for every service (it goes to the sinks, not the service).
 */
export type RouteKind = 'list' | 'create' | 'read' | 'stream' | 'cancel' | 'public' | 'upload' | 'feedback';

/** What a create runs: a model (maybe at a version), a deployment, or a version known only by its id. */
export type CreateTarget = { model: ModelRef } | { deployment: ModelRef } | { version: string };

/** A path segment; `.` and `..` never are one, however they were written. */
export const SEGMENT = '(?!\\.\\.?(?:/|$))[\\w.~-]+';

/** Where another page of a list is: its cursor, and the proxy's URL of it. */
export interface PageLink {
  cursor: string;
  url: string;
}

/**
 * Everything the proxy needs to know of one service, beside its client provider: the routes a
 * browser may reach (after `basePath`), what a create runs, the body fields of its webhooks and the
 * shape of its list pages. Read and cancel routes capture the prediction's id first.
 */
export interface ProxyRules {
  /** The client provider's `name` these rules serve. */
  name: string;
  routes: [method: string, path: RegExp, kind: RouteKind][];
  /**
   * What lets a browser read an output file: an id no one guesses (WriftAI's UUIDs: passed on with
   * the token), or a signed download URL (Replicate's: passed on only with its signature, and
   * without the token, which would open any file of the account to whoever knows its id).
   */
  files: 'unguessable' | 'signed';
  /** Request headers the API reads, beyond `accept` and `content-type`. */
  headers: string[];
  /** What a create runs, from its route's captures, its JSON body and its path; throws when it cannot tell. */
  createTarget(captures: string[], body: unknown, path: string): CreateTarget;
  /** Whether a create's body asks the service for a webhook. */
  hasWebhook(body: Record<string, unknown>): boolean;
  /** The body with the server's own webhook in place of any other. */
  withWebhook(body: Record<string, unknown>, webhook: WebhookConfig): Record<string, unknown>;
  /** The stream URL of a prediction known only by id, when the service's URLs follow a pattern. */
  streamPath?(id: string): string;
  /** A list row: a prediction as the service's lists carry it. */
  listItem(prediction: Prediction): unknown;
  /**
   * A page of the visitor's own list in the service's shape, with the next and previous pages'
   * cursors and URLs (`null` where there is none).
   */
  page(items: unknown[], next: PageLink | null, previous: PageLink | null): unknown;
  /** How a version is written in `allowModels` on this service, checked when the proxy is made: a test and its words. */
  version: [test: (version: unknown) => boolean, form: string];
  /**
   * A query parameter the proxy refuses (a list's `cursor` or `page_size`), answered `422` as the
   * service answers one, so that the client reads its message: `no-store`, like every answer of the
   * proxy's own.
   */
  invalidQuery(param: string, message: string, type: string): Response;
  /** `page_size`, where the service takes one. */
  pageSize?: { param: string; min: number; max: number; default: number };
}
