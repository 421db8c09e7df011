import { parseArgs } from 'node:util';
import { isOriginRule } from '../http/cors';
import { isHostRule } from '../http/requireAllowedHost';
import { isUsername } from '../users/isUsername';
import type { ListenOptions } from './listen';

export const USAGE = `Usage: predictkit-server [options]

A local prediction API with built-in demo models: WriftAI's API under /v1, Replicate's under
/replicate/v1, one store and one job runner behind both.

Options:
  --port <n>               port to listen on (default 8787; 0 = any free port)
  --host <addr>            address to bind (default 127.0.0.1)
  --data-dir <dir>         keep predictions and files in SQLite in <dir> (default: in memory)
  --token <t>              require "Authorization: Bearer <t>"; repeat for several tokens
  --account <user>:<t>     a user besides "local" whose token <t> acts as them (their own models,
                           GET /v1/user); accepted as --token is; repeat for several
  --base-url <url>         origin used in absolute URLs (default: each request's own)
  --cors-origin <origin>   a browser origin allowed to read (CORS) and to change (create, cancel),
                           e.g. http://localhost:3000; repeat for several; "*" for any. Replaces
                           the default: localhost, 127.0.0.1 and [::1] on any port
  --allowed-host <host>    a host name the server answers to besides localhost, *.localhost and IP
                           addresses (others get 403, against DNS rebinding); ".example.com" for a
                           domain and its subdomains, "*" for any; repeat for several. Default with
                           a --host other than loopback: any
  --concurrency <n>        predictions running at once (default 4)
  --max-run-time <s>       fail a prediction running longer than <s> seconds (default 1800)
  --chat-timeout <s>       cancel a chat request's prediction (/v1/chat/completions, /v1/messages)
                           not done after <s> seconds, and answer 504 (default 60)
  --time-scale <f>         multiply model time: 0.1 runs ten times faster (default 1)
  --data-retention <s>     on /replicate/v1, read a prediction's input, output and logs as removed
                           (data_removed) <s> seconds after it ended, as Replicate does after 3600
                           (default: kept)
  --shutdown-grace <s>     on SIGTERM/SIGINT, give running predictions <s> seconds to finish before
                           they fail; new ones get 503 meanwhile (default 10; a second signal stops
                           at once)
  --upstream <url>         proxy /v1 to WriftAI's API instead of running models; the token comes from
                           WRIFTAI_ACCESS_TOKEN and stays in this process
  --replicate-upstream <url>
                           proxy /replicate/v1 to Replicate's API (https://api.replicate.com/v1); the
                           token comes from REPLICATE_API_TOKEN; with or without --upstream
  --allow-model <ref>      with either: a model browsers may run (owner/name[:version]); repeat;
                           default all. With both, :N goes to WriftAI, :<64-hex id> to Replicate
  --allow-deployment <ref> with --replicate-upstream: a deployment browsers may run (owner/name);
                           repeat; default none
Faults (for resilience tests; all off by default):
  --latency <ms|min-max>   add latency to every answer
  --error-rate <p>         answer 500/503 with probability p (0..1)
  --rate-limit <n>         allow n requests per window, then answer 429 with Retry-After
  --rate-limit-window <s>  the rate-limit window in seconds (default 60)
  --stream-cut-rate <p>    cut a prediction stream after an event with probability p
  --fault-seed <n>         seed the fault dice for repeatable runs
  -h, --help               show this help`;

export interface CliOptions extends ListenOptions {
  help: boolean;
  upstream?: string;
  replicateUpstream?: string;
  allowModels?: string[];
  allowDeployments?: string[];
}

function number(
  flag: string,
  raw: string | undefined,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new Error(`--${flag} must be ${expected}; got "${raw}". See --help.`);
  }
  return value;
}

/** Turns the command line into listen options; a bad value throws a message naming the flag. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    // `pnpm server -- --port 1` passes the `--` on: it separates nothing here
    args: argv[0] === '--' ? argv.slice(1) : argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string', multiple: true },
      account: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'max-run-time': { type: 'string' },
      'chat-timeout': { type: 'string' },
      'time-scale': { type: 'string' },
      'data-retention': { type: 'string' },
      'shutdown-grace': { type: 'string' },
      upstream: { type: 'string' },
      'replicate-upstream': { type: 'string' },
      'allow-model': { type: 'string', multiple: true },
      'allow-deployment': { type: 'string', multiple: true },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limit-window': { type: 'string' },
      'stream-cut-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  const probability = (n: number) => n >= 0 && n <= 1;
  let latencyMs: number | [number, number] | undefined;
  if (values.latency !== undefined) {
    const range = /^(\d+)-(\d+)$/.exec(values.latency);
    latencyMs = range
      ? [Number(range[1]), Number(range[2])]
      : number('latency', values.latency, whole, 'milliseconds, or a range like 50-200');
  }
  const rateLimit = number(
    'rate-limit',
    values['rate-limit'],
    (n) => whole(n) && n > 0,
    'a whole number > 0',
  );
  const window = number('rate-limit-window', values['rate-limit-window'], (n) => n > 0, 'seconds > 0') ?? 60;
  const badOrigin = values['cors-origin']?.find((origin) => !isOriginRule(origin));
  if (badOrigin !== undefined) {
    throw new Error(
      `--cors-origin must be an origin as browsers send it, like http://localhost:3000 (scheme, host, port; no path or trailing slash), or "*"; got "${badOrigin}". See --help.`,
    );
  }
  const badHost = values['allowed-host']?.find((host) => !isHostRule(host));
  if (badHost !== undefined) {
    throw new Error(
      `--allowed-host must be a host name like app.example.com (no scheme, port or path), .example.com for a domain and its subdomains, or "*"; got "${badHost}". See --help.`,
    );
  }
  const proxying = values.upstream !== undefined || values['replicate-upstream'] !== undefined;
  if (proxying) {
    // The proxy forwards to a real API: flags of the local one would be silently ignored there.
    const local = [
      'data-dir',
      'token',
      'base-url',
      'concurrency',
      'max-run-time',
      'chat-timeout',
      'data-retention',
    ]
      .concat(['time-scale', 'latency'])
      .concat(['error-rate', 'stream-cut-rate', 'rate-limit', 'rate-limit-window', 'fault-seed'])
      .filter((name) => values[name as keyof typeof values] !== undefined);
    if (local.length > 0) {
      throw new Error(
        `${values.upstream !== undefined ? '--upstream' : '--replicate-upstream'} forwards to a real API, so ${local.map((name) => `--${name}`).join(', ')} ` +
          `${local.length > 1 ? 'do' : 'does'} not apply: leave ${local.length > 1 ? 'them' : 'it'} out. See --help.`,
      );
    }
  }
  if (values['allow-deployment'] !== undefined && values['replicate-upstream'] === undefined) {
    throw new Error(
      '--allow-deployment names Replicate deployments, so it needs --replicate-upstream. See --help.',
    );
  }
  const accounts = values.account?.map((raw) => {
    const at = raw.indexOf(':');
    const username = raw.slice(0, at);
    if (at < 0 || !isUsername(username) || at === raw.length - 1) {
      throw new Error(
        `--account must be <username>:<token>, the username of lowercase letters, digits and single hyphens, the token not empty (the value is not repeated here: it holds a token). See --help.`,
      );
    }
    return { username, token: raw.slice(at + 1) };
  });
  const maxRunTime = number('max-run-time', values['max-run-time'], (n) => n > 0, 'seconds > 0');
  const chatTimeout = number('chat-timeout', values['chat-timeout'], (n) => n > 0, 'seconds > 0');
  const grace = number('shutdown-grace', values['shutdown-grace'], (n) => n >= 0, 'seconds ≥ 0');
  const retention = number('data-retention', values['data-retention'], (n) => n > 0, 'seconds > 0');
  const options: CliOptions = {
    help: values.help ?? false,
    port: number('port', values.port, (n) => whole(n) && n <= 65535, 'a port number 0..65535'),
    host: values.host,
    dataDir: values['data-dir'],
    tokens: values.token,
    accounts,
    baseUrl: values['base-url'],
    corsOrigins: values['cors-origin'],
    allowedHosts: values['allowed-host'],
    concurrency: number('concurrency', values.concurrency, (n) => whole(n) && n > 0, 'a whole number > 0'),
    maxRunTimeMs: maxRunTime === undefined ? undefined : maxRunTime * 1000,
    dataRetentionMs: retention === undefined ? undefined : retention * 1000,
    shutdownGraceMs: grace === undefined ? undefined : grace * 1000,
    chatTimeoutMs: chatTimeout === undefined ? undefined : chatTimeout * 1000,
    timeScale: number('time-scale', values['time-scale'], (n) => n > 0, 'a number > 0'),
    upstream: values.upstream,
    replicateUpstream: values['replicate-upstream'],
    allowModels: values['allow-model'],
    allowDeployments: values['allow-deployment'],
    faults: {
      latencyMs,
      errorRate: number('error-rate', values['error-rate'], probability, 'a probability 0..1'),
      streamCutRate: number('stream-cut-rate', values['stream-cut-rate'], probability, 'a probability 0..1'),
      rateLimit: rateLimit === undefined ? undefined : { requests: rateLimit, windowMs: window * 1000 },
      seed: number('fault-seed', values['fault-seed'], Number.isInteger, 'a whole number'),
    },
  };
  // leave out what was not given, so the library's defaults apply
  return JSON.parse(JSON.stringify(options), (_key, value) => value) as CliOptions;
}
