/**
 * Replicate-shaped answers for the unit tests, written from the service's documented shapes, and a
 * `fetch` that answers them by route and records what the client sent.
 */

export const VERSION = '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa';
export const API = 'https://api.replicate.com/v1';
export const STREAM = 'https://streaming.api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu';

export const wirePrediction = (more: Record<string, unknown> = {}) => ({
  id: 'gm3qorzdhgbfurvjtvhg6dckhu',
  model: 'replicate/hello-world',
  version: VERSION,
  input: { text: 'Alice' },
  logs: 'loading\nhello Alice\n',
  output: 'hello Alice',
  data_removed: false,
  error: null,
  status: 'succeeded',
  source: 'api',
  created_at: '2023-09-08T16:19:34.765994Z',
  started_at: '2023-09-08T16:19:34.779176Z',
  completed_at: '2023-09-08T16:19:34.791859Z',
  metrics: { predict_time: 0.012683, total_time: 0.026 },
  urls: {
    web: 'https://replicate.com/p/gm3qorzdhgbfurvjtvhg6dckhu',
    get: `${API}/predictions/gm3qorzdhgbfurvjtvhg6dckhu`,
    cancel: `${API}/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel`,
    stream: STREAM,
  },
  ...more,
});

/** Cog's OpenAPI document for an SDXL-like model, cut to a few inputs. */
export const openapiSchema = {
  openapi: '3.0.2',
  info: { title: 'Cog', version: '0.1.0' },
  paths: {},
  components: {
    schemas: {
      Input: {
        type: 'object',
        title: 'Input',
        required: ['prompt'],
        properties: {
          prompt: { type: 'string', title: 'Prompt', 'x-order': 0 },
          image: { type: 'string', format: 'uri', title: 'Image', 'x-order': 1 },
          num_outputs: { type: 'integer', default: 1, minimum: 1, maximum: 4, 'x-order': 2 },
          scheduler: {
            allOf: [{ $ref: '#/components/schemas/scheduler' }],
            default: 'K_EULER',
            'x-order': 3,
          },
          seed: { type: 'integer', nullable: true, 'x-order': 4 },
        },
      },
      scheduler: {
        title: 'scheduler',
        type: 'string',
        description: 'An enumeration.',
        enum: ['DDIM', 'K_EULER'],
      },
      Output: { type: 'array', title: 'Output', items: { type: 'string', format: 'uri' } },
      Status: { title: 'Status', type: 'string', enum: ['starting', 'processing', 'succeeded'] },
    },
  },
};

export const wireVersion = (id = VERSION) => ({
  id,
  created_at: '2023-09-08T16:19:34.765994Z',
  cog_version: '0.8.6',
  openapi_schema: openapiSchema,
});

export const wireModel = (more: Record<string, unknown> = {}) => ({
  url: 'https://replicate.com/stability-ai/sdxl',
  owner: 'stability-ai',
  name: 'sdxl',
  description: 'A text-to-image generative AI model',
  visibility: 'public',
  github_url: 'https://github.com/replicate/cog-sdxl',
  paper_url: null,
  license_url: null,
  run_count: 71_000_000,
  cover_image_url: null,
  default_example: null,
  latest_version: wireVersion(),
  ...more,
});

export interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  form?: FormData;
}

/** A route table `"METHOD /path?query"` → answer (a `Response`, or JSON with 200). */
export function fakeFetch(routes: Record<string, unknown | ((request: Request) => Response)>) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const multipart = request.headers.get('content-type')?.startsWith('multipart/form-data');
    const record: Sent = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: multipart ? '' : await request.clone().text(),
    };
    if (multipart) record.form = await request.clone().formData();
    sent.push(record);
    const key = `${request.method} ${url.pathname}${url.search}`;
    const route = routes[key] ?? routes[`${request.method} ${url.pathname}`];
    if (route === undefined) {
      return Response.json({ detail: `no route ${key}`, status: 404, title: 'Not found' }, { status: 404 });
    }
    return typeof route === 'function' ? route(request) : Response.json(route);
  };
  return { fetch, sent };
}
