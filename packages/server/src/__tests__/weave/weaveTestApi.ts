import { type ListeningServer, type ListenOptions, listen } from '../../node/listen';

/** The project every test logs to, under the server's Weave base. */
export const PROJECT = '/weave/v2/acme/evals';

export interface WeaveTestApi {
  url: string;
  running: ListeningServer;
  /** A JSON request under `PROJECT`; the answer parsed. */
  send<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** A list under `PROJECT`, read line by line. */
  lines<T = Record<string, unknown>>(path: string, headers?: Record<string, string>): Promise<T[]>;
  /** A model version to name in predictions and runs; its `model_ref`. */
  model(name?: string, sourceCode?: string): Promise<string>;
}

/** Each JSON line of a JSONL body, read as it arrives. */
export async function readJsonLines<T>(response: Response): Promise<T[]> {
  const items: T[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const parts = (rest + decoder.decode(value, { stream: true })).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) items.push(JSON.parse(line));
  }
  if (rest !== '') throw new Error(`the body ends in a partial line: ${rest}`);
  return items;
}

/** A real server on a free port of 127.0.0.1, spoken to on its Weave surface. */
export async function weaveApi(options: ListenOptions = {}): Promise<WeaveTestApi> {
  const running = await listen({ port: 0, timeScale: 0.01, onWarning: () => {}, ...options });
  const { url } = running;
  const api: WeaveTestApi = {
    url,
    running,
    async send(method, path, body, headers = {}) {
      const response = await fetch(`${url}${PROJECT}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async lines(path, headers = {}) {
      const response = await fetch(`${url}${PROJECT}${path}`, { headers });
      if (response.status !== 200)
        throw new Error(`list answered ${response.status}: ${await response.text()}`);
      return readJsonLines(response);
    },
    async model(name = 'Classifier', sourceCode = 'class Classifier(weave.Model): ...') {
      const { status, body } = await api.send('POST', '/models', { name, source_code: sourceCode });
      if (status !== 200) throw new Error(`model create answered ${status}: ${JSON.stringify(body)}`);
      return body.model_ref as string;
    },
  };
  return api;
}
