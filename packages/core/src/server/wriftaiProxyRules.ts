import { isVersionNumber, parseModelRef } from '../parseModelRef';
import type { Prediction } from '../types';
import { type ProxyRules, SEGMENT } from './ProxyRules';

/** The WriftAI API's routes, bodies and pages, as the proxy passes them on. */
export const wriftaiProxyRules: ProxyRules = {
  name: 'WriftAI',
  files: 'unguessable',
  routes: [
    ['GET', /^\/predictions$/, 'list'],
    ['POST', /^\/predictions$/, 'create'],
    ['GET', new RegExp(`^/predictions/(${SEGMENT})$`), 'read'],
    ['GET', new RegExp(`^/predictions/(${SEGMENT})/stream$`), 'stream'],
    ['POST', new RegExp(`^/predictions/(${SEGMENT})/cancel$`), 'cancel'],
    ['GET', new RegExp(`^/models(/${SEGMENT}(/${SEGMENT}(/versions(/[1-9]\\d*)?)?)?)?$`), 'public'],
    [
      'POST',
      new RegExp(`^/models/(${SEGMENT})/(${SEGMENT})(?:/versions/([1-9]\\d*))?/predictions$`),
      'create',
    ],
    ['GET', /^\/(search\/models|model_categories|hardware)$/, 'public'],
    // Output files (images, audio) the UI shows; read-only. Their names are unguessable, like the
    // signed URLs of a CDN: whoever was shown a prediction's output may fetch its files.
    ['GET', new RegExp(`^/files/${SEGMENT}$`), 'public'],
  ],
  // The last four let media players seek in, and browsers revalidate, output files.
  headers: ['prefer', 'validate-input', 'last-event-id', 'range', 'if-range', 'if-none-match'],
  createTarget([owner, name, version], body) {
    if (owner) return { model: { owner, name: name!, version: version ? +version : undefined } };
    return { model: parseModelRef((body as { model?: never } | undefined)?.model as never) };
  },
  hasWebhook: (body) => body.webhook != null,
  withWebhook: (body, webhook) => ({ ...body, webhook }),
  version: [isVersionNumber, 'a whole number ≥ 1 (`owner/name:N`)'],
  streamPath: (id) => `/predictions/${id}/stream`,
  listItem: ({ input, output, error, logs, setup_logs, ...item }: Prediction) => item,
  page: (items, next, previous) => ({
    items,
    next_cursor: next?.cursor ?? null,
    previous_cursor: previous?.cursor ?? null,
    next_url: next?.url ?? null,
    previous_url: previous?.url ?? null,
  }),
  invalidQuery: (param, msg, type) =>
    Response.json(
      { detail: [{ loc: ['query', param], msg, type }] },
      { status: 422, headers: { 'cache-control': 'no-store' } },
    ),
  pageSize: { param: 'page_size', min: 5, max: 50, default: 25 },
};
