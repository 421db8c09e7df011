import { parseModelRef, VERSION_ID } from '../parseModelRef';
import { type ProxyRules, SEGMENT } from './ProxyRules';

const OWNER_NAME = `(${SEGMENT})/(${SEGMENT})`;

/**
 * The Replicate API's routes, bodies and pages, as the proxy passes them on. The service streams
 * from another host, so the proxy offers `/predictions/{id}/stream` of its own and follows the
 * prediction's `urls.stream` from there.
 */
export const replicateProxyRules: ProxyRules = {
  name: 'Replicate',
  files: 'signed',
  routes: [
    ['GET', /^\/predictions$/, 'list'],
    ['POST', /^\/predictions$/, 'create'],
    ['POST', new RegExp(`^/models/${OWNER_NAME}/predictions$`), 'create'],
    ['POST', new RegExp(`^/deployments/${OWNER_NAME}/predictions$`), 'create'],
    ['GET', new RegExp(`^/predictions/(${SEGMENT})$`), 'read'],
    ['GET', new RegExp(`^/predictions/(${SEGMENT})/stream$`), 'stream'],
    ['POST', new RegExp(`^/predictions/(${SEGMENT})/cancel$`), 'cancel'],
    ['GET', new RegExp(`^/models(/${SEGMENT}/${SEGMENT}(/versions(/[\\da-f]{64})?)?)?$`), 'public'],
    // Search: `QUERY /models` with the query as the body.
    ['QUERY', /^\/models$/, 'public'],
    ['GET', /^\/hardware$/, 'public'],
    // Uploads for file inputs; a file is then passed to a model by its URL.
    ['POST', /^\/files$/, 'upload'],
    // Output files, where the service serves them itself: signed URLs, passed on with their query.
    ['GET', new RegExp(`^/files/${SEGMENT}/download$`), 'public'],
  ],
  // Ranges and revalidation, so that media outputs seek and cache through the proxy too.
  headers: ['prefer', 'cancel-after', 'last-event-id', 'range', 'if-range', 'if-none-match'],
  createTarget([owner, name], body, path) {
    if (path.startsWith('/deployments/')) return { deployment: { owner: owner!, name: name! } };
    if (owner) return { model: { owner, name: name! } };
    const version = (body as { version?: unknown } | undefined)?.version;
    // A bare version id names no model: only an allowlist entry with that id can allow it.
    return VERSION_ID.test(version as string)
      ? { version: version as string }
      : { model: parseModelRef(version as never) };
  },
  hasWebhook: (body) => body.webhook != null || body.webhook_events_filter != null,
  withWebhook: (body, webhook) => ({
    ...body,
    webhook: webhook.url,
    webhook_events_filter: webhook.events,
  }),
  version: [(version) => VERSION_ID.test(version as string), 'a 64-hex version id (`owner/name:<id>`)'],
  listItem: (prediction) => prediction,
  // Problem details, as the service writes a validation failure.
  invalidQuery: (field, description, type) =>
    new Response(
      JSON.stringify({
        title: 'Input validation failed',
        detail: `- ${field}: ${description}\n`,
        status: 422,
        invalid_fields: [{ type, field, description }],
      }),
      { status: 422, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
    ),
  page: (results, next, previous) => ({ previous: previous?.url ?? null, next: next?.url ?? null, results }),
};
