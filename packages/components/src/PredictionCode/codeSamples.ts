import { formatModelRef, type ModelRef, type Provider } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';

/** One way to make the prediction: a command or a program, ready to copy. */
export interface CodeSample {
  id: 'curl' | 'typescript' | 'python' | 'javascript';
  /** The tab's name: `cURL`, `TypeScript`, `Python`, `JavaScript`. */
  label: string;
  code: string;
}

export interface PredictionCodeOptions {
  /** The service, which decides the routes, the token's variable and the official client. */
  provider: Provider;
  /** `owner/name`, `owner/name:version`, or a `ModelRef`: the version the prediction ran on, where known. */
  model: string | ModelRef;
  input: Record<string, unknown>;
  /** Where the service is; default the provider's own (`https://api.wrift.ai/v1`, …). */
  baseUrl?: string | undefined;
}

interface Syntax {
  string(s: string): string;
  key(k: string): string;
  true: string;
  false: string;
  null: string;
  step: string;
}

/** A JSON value as a literal of a language, one entry a line, with trailing commas (valid in all three). */
function literal(value: unknown, syntax: Syntax, indent = ''): string {
  if (value === null || value === undefined) return syntax.null;
  if (typeof value === 'boolean') return value ? syntax.true : syntax.false;
  // What JSON would send: a number that is not finite goes as null.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : syntax.null;
  if (typeof value === 'string') return syntax.string(value);
  const inner = indent + syntax.step;
  const entries = Array.isArray(value)
    ? value.map((v) => inner + literal(v, syntax, inner))
    : Object.entries(value as object).map(
        ([k, v]) => `${inner}${syntax.key(k)}: ${literal(v, syntax, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length ? `${open}\n${entries.join(',\n')},\n${indent}${close}` : open + close;
}

// JSON's strings are JavaScript's (lone surrogates come out escaped), here in single quotes as the rest
// of the program: inside them `"` needs no escape and `'` does. Keys that are names go bare.
const jsString = (s: string) =>
  `'${JSON.stringify(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
const js: Syntax = {
  string: jsString,
  key: (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : jsString(k)),
  true: 'true',
  false: 'false',
  null: 'null',
  step: '  ',
};

const PY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Python 3 source is UTF-8: letters of any script stay as they are; quotes, backslashes, control and
// separator characters, and lone surrogates (which UTF-8 cannot hold) are escaped.
const python: Syntax = {
  string: (s) =>
    `"${s.replace(/[\\"]|[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => {
      const code = c.codePointAt(0) as number;
      return (
        PY_ESCAPES[c] ??
        (code < 0x100
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`)
      );
    })}"`,
  key: (k) => python.string(k),
  true: 'True',
  false: 'False',
  null: 'None',
  step: '    ',
};

/** A shell word that is exactly `s`: single quotes, each `'` closed, escaped and reopened. */
const shellWord = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

// The official client and PredictKit's entry of each service PredictKit knows; another provider gets
// cURL and PredictKit's client given that provider.
const OFFICIAL: Record<
  string,
  (o: Required<PredictionCodeOptions> & { ref: string; token: string }) => CodeSample
> = {
  WriftAI: ({ ref, input, token, baseUrl, provider }) => ({
    id: 'python',
    label: 'Python',
    code: `import os

from wriftai import Client

wriftai = Client(${baseUrl === provider.defaultBaseUrl ? '' : `api_base_url=${python.string(baseUrl)}, `}access_token=os.environ["${token}"])

prediction = wriftai.predictions.create(
    model=${python.string(ref)},
    params={
        "input": ${literal(input, python, '        ')},
    },
    wait=True,
)
print(prediction["output"])
`,
  }),
  Replicate: ({ ref, input, token, baseUrl, provider }) => ({
    id: 'javascript',
    label: 'JavaScript',
    code: `import Replicate from 'replicate';

const replicate = new Replicate({ auth: process.env.${token}${baseUrl === provider.defaultBaseUrl ? '' : `, baseUrl: ${js.string(baseUrl)}`} });

const output = await replicate.run(${js.string(ref)}, {
  input: ${literal(input, js, '  ')},
});
console.log(output);
`,
  }),
};

const ENTRY: Record<string, string> = {
  WriftAI: '@predictkit/core',
  Replicate: '@predictkit/core/replicate',
};

/**
 * The code that makes a prediction of `model` with `input`: a cURL command, a TypeScript program with
 * PredictKit, and one with the service's official client (Python's `wriftai` for WriftAI, the `replicate`
 * package for Replicate). The token is never in it: each reads the provider's variable
 * (`WRIFTAI_ACCESS_TOKEN`, `REPLICATE_API_TOKEN`).
 */
export function codeSamples(options: PredictionCodeOptions): CodeSample[] {
  const { provider, model, input } = options ?? ({} as PredictionCodeOptions);
  if (!provider || typeof provider.createRequest !== 'function') {
    throw new TypeError('codeSamples: `provider` must be a PredictKit provider (`wriftai`, `replicate`, …).');
  }
  if (!isRecord(input)) {
    throw new TypeError(
      `codeSamples: \`input\` must be an object of the model's inputs, got ${JSON.stringify(input)}.`,
    );
  }
  const token = provider.env.token;
  if (!/^[A-Za-z_]\w*$/.test(token)) {
    throw new TypeError(
      `codeSamples: the provider's token variable must be a name, got ${JSON.stringify(token)}.`,
    );
  }
  const baseUrl = (options.baseUrl ?? provider.defaultBaseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new TypeError(
      `codeSamples: \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}.`,
    );
  }
  const ref = typeof model === 'string' ? model : formatModelRef(model);
  const request = provider.createRequest({ model: ref, input });
  const headers = Object.entries(request.headers ?? {}).map(
    ([k, v]) => `  -H ${shellWord(`${k}: ${v}`)} \\\n`,
  );
  const curl = `curl -s -X POST \\
  -H "Authorization: Bearer $${token}" \\
  -H 'Content-Type: application/json' \\
  -H 'Prefer: wait=60' \\
${headers.join('')}  -d ${shellWord(JSON.stringify(request.body, null, 2))} \\
  ${shellWord(baseUrl + request.path)}
`;
  const entry = ENTRY[provider.name];
  const imports = !entry
    ? `import { createClient, runPrediction } from '@predictkit/core';\n// ${provider.name}'s provider, as your app passes it to createClient.\nimport { provider } from './provider';`
    : entry === '@predictkit/core'
      ? `import { createClient, runPrediction } from '@predictkit/core';`
      : `import { runPrediction } from '@predictkit/core';\nimport { createClient } from '${entry}';`;
  const clientOptions = [
    entry ? '' : 'provider, ',
    `token: process.env.${token}`,
    baseUrl === provider.defaultBaseUrl ? '' : `, baseUrl: ${js.string(baseUrl)}`,
  ].join('');
  const typescript = `${imports}

const client = createClient({ ${clientOptions} });

const prediction = await runPrediction(client, ${js.string(ref)}, ${literal(input, js)});
console.log(prediction.status, prediction.output);
`;
  const official = OFFICIAL[provider.name]?.({ provider, model, input, baseUrl, ref, token });
  return [
    { id: 'curl', label: 'cURL', code: curl },
    { id: 'typescript', label: 'TypeScript', code: typescript },
    ...(official ? [official] : []),
  ];
}
