import { type Client, createClient, wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { createProxyHandler } from '@predictkit/core/server';
import {
  createWeaveClient,
  createWeaveLogger,
  type EvaluationRun,
  listEvaluationRuns,
  parseWeaveRef,
  runEvaluation,
  type WeaveClient,
} from '@predictkit/core/weave';
import { SENTIMENT_DATASETS, type SentimentRow } from './sentimentDatasets';

/** The services the playground speaks, each behind a proxy of its own under `/app/{service}`. */
const SERVICES = {
  wriftai: { provider: wriftai, path: '/v1', tokenVariable: 'WRIFTAI_ACCESS_TOKEN' },
  replicate: { provider: replicate, path: '/replicate/v1', tokenVariable: 'REPLICATE_API_TOKEN' },
} as const;
type Service = keyof typeof SERVICES;

export interface PlaygroundAppOptions {
  /** The API server: the local server (or a `predictkit-server --upstream` proxy), e.g. `http://127.0.0.1:8787`. */
  api: string;
  /** The environment: tokens, and where Weave is (`WANDB_API_KEY`, `WEAVE_PROJECT`, `WEAVE_BASE_URL`). */
  env?: Record<string, string | undefined>;
  fetch?: (request: Request) => Promise<Response>;
}

export interface PlaygroundApp {
  fetch(request: Request): Promise<Response>;
  /** Where predictions, scores and evaluations are recorded, e.g. `http://127.0.0.1:8787/weave`. */
  weaveUrl: string;
  weaveProject: string;
  /** Resolves once every finished prediction seen so far is recorded. */
  flush(options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** How many past evaluation runs the Evaluations page compares. */
const RUNS_SHOWN = 12;

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The playground's own server, as a real app has one: the browser reaches each service through a
 * token-holding proxy (`/app/wriftai`, `/app/replicate`) whose finished predictions and feedback
 * scores go to Weave, and runs evaluations here (`/app/evaluations`). The W&B key and the API
 * tokens stay in this process. Weave is the local server's Weave surface unless `WANDB_API_KEY`
 * is set, then W&B's (`https://trace.wandb.ai`, or `WEAVE_BASE_URL`).
 */
export function createPlaygroundApp({ api, env = {}, fetch }: PlaygroundAppOptions): PlaygroundApp {
  const origin = api.replace(/\/+$/, '');
  const [entity = 'predictkit', project = 'playground'] = (env.WEAVE_PROJECT ?? '')
    .split('/')
    .filter(Boolean);
  const weaveUrl = env.WEAVE_BASE_URL ?? (env.WANDB_API_KEY ? 'https://trace.wandb.ai' : `${origin}/weave`);
  const weave = createWeaveClient({
    entity,
    project,
    baseUrl: weaveUrl,
    // The local Weave surface takes any key unless it was started with `--token`.
    apiKey: env.WANDB_API_KEY ?? 'local',
    ...(fetch && { fetch }),
  });
  const logger = createWeaveLogger({
    client: weave,
    onError: (error, prediction) =>
      console.warn(`Weave: prediction ${prediction.id} not recorded: ${error.message}`),
  });
  const tokenOf = (service: Service) => env[SERVICES[service].tokenVariable] ?? 'local';
  const proxies = new Map(
    (Object.keys(SERVICES) as Service[]).map((service) => [
      service,
      createProxyHandler({
        provider: SERVICES[service].provider,
        upstream: origin + SERVICES[service].path,
        token: tokenOf(service),
        basePath: `/app/${service}`,
        allowModels: () => true,
        sinks: [logger],
        ...(fetch && { fetch }),
      }),
    ]),
  );
  const clientOf = (service: Service): Client =>
    createClient({
      baseUrl: origin + SERVICES[service].path,
      token: tokenOf(service),
      provider: SERVICES[service].provider,
      ...(fetch && { fetch }),
    });

  return {
    weaveUrl,
    weaveProject: `${entity}/${project}`,
    flush: (options) => logger.flush(options),
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/app/evaluations') {
        if (request.method === 'GET') {
          const datasets = Object.entries(SENTIMENT_DATASETS).map(([id, { title, rows }]) => ({
            id,
            title,
            rows: rows.length,
          }));
          return json({
            datasets,
            runs: await pastRuns(weave),
            weave: { url: weaveUrl, project: `${entity}/${project}` },
          });
        }
        if (request.method === 'POST') return evaluate(request, weave, clientOf);
        return json({ detail: 'Use GET to list evaluation runs, or POST to run one.' }, 405);
      }
      const service = pathname.split('/')[2] as Service;
      const proxy = pathname.startsWith('/app/') ? proxies.get(service) : undefined;
      if (proxy) return proxy(request);
      return json({ detail: `Not found: ${request.method} ${pathname}.` }, 404);
    },
  };
}

/** Finished evaluation runs with their summaries, newest first, labelled by model and dataset. */
async function pastRuns(weave: WeaveClient) {
  const runs: EvaluationRun[] = [];
  for await (const run of listEvaluationRuns(weave)) if (run.summary) runs.push(run);
  return runs
    .slice(-RUNS_SHOWN)
    .reverse()
    .map((run) => ({
      id: run.evaluation_run_id,
      label: labelOf(run),
      finishedAt: run.finished_at ?? null,
      summary: run.summary,
    }));
}

/** "sentiment · Hard cases · 14:02": the model, the evaluation's name, the time it finished. */
function labelOf(run: EvaluationRun): string {
  const name = (ref: string) => {
    try {
      return parseWeaveRef(ref).name;
    } catch {
      return ref;
    }
  };
  const time = run.finished_at
    ? new Date(run.finished_at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
    : '';
  return [name(run.model), name(run.evaluation), time].filter(Boolean).join(' · ');
}

/**
 * Runs `predictkit/sentiment` over a bundled dataset with an exact-match scorer, and answers as
 * newline-delimited JSON: a `progress` line per row, then `done` with the summary (or `error`).
 */
async function evaluate(
  request: Request,
  weave: WeaveClient,
  clientOf: (service: Service) => Client,
): Promise<Response> {
  const body = ((await request.json().catch(() => null)) ?? {}) as { dataset?: unknown; service?: unknown };
  // Own keys only: `toString` is in every object, and no dataset or service.
  const known = (table: object, key: unknown): key is string =>
    typeof key === 'string' && Object.hasOwn(table, key);
  if (!known(SENTIMENT_DATASETS, body.dataset) || !known(SERVICES, body.service)) {
    return json(
      {
        detail: `Send {"dataset": one of ${Object.keys(SENTIMENT_DATASETS).join(', ')}, "service": one of ${Object.keys(SERVICES).join(', ')}}.`,
      },
      422,
    );
  }
  const dataset = SENTIMENT_DATASETS[body.dataset]!;
  const service = body.service as Service;
  const encoder = new TextEncoder();
  const stream = new TransformStream<unknown, Uint8Array>({
    transform: (line, out) => out.enqueue(encoder.encode(`${JSON.stringify(line)}\n`)),
  });
  const writer = stream.writable.getWriter();
  const write = (line: unknown) => writer.write(line).catch(() => {});
  void runEvaluation<SentimentRow>({
    client: clientOf(service),
    model: 'predictkit/sentiment',
    dataset: { name: `${body.dataset}-sentiment`, rows: dataset.rows },
    name: dataset.title,
    input: (row) => ({ text: row.text }),
    scorers: {
      exact_match: ({ row, output }) => (output as { label?: unknown } | null)?.label === row.label,
    },
    weave,
    signal: request.signal,
    onProgress: ({ done, total }) => void write({ type: 'progress', done, total }),
  })
    .then(
      (result) =>
        write({
          type: 'done',
          run: { id: result.evaluationRunId, summary: result.summary },
          failed: result.rows.filter((row) => row.errors.length).length,
        }),
      (error: Error) => write({ type: 'error', detail: error.message }),
    )
    .finally(() => writer.close().catch(() => {}));
  return new Response(stream.readable, {
    headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' },
  });
}
