import type { MiddlewareHandler } from 'hono';
import { HttpError } from './HttpError';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HOST_RULE = /^\.?[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*$/i;

/** Whether `value` can be an `allowedHosts` entry: `*`, a host name, or `.domain` for it and its subdomains. */
export function isHostRule(value: string): boolean {
  return value === '*' || HOST_RULE.test(value);
}

/** The host name of a `Host` header (no port, lower case, no trailing dot); IPv6 keeps its brackets. */
export function hostnameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  const name = trimmed.startsWith('[') ? trimmed.slice(0, trimmed.indexOf(']') + 1) : trimmed.split(':')[0];
  return (name ?? '').replace(/\.$/, '');
}

/**
 * Whether a request for `hostname` is one this server answers. An IP address is never a DNS
 * rebinding (the attack needs a name the attacker controls), and `localhost` and `*.localhost`
 * always mean this machine; any other name must be allowed.
 */
export function hostAllowed(hostname: string, rules: readonly string[]): boolean {
  if (IPV4.test(hostname) || hostname.startsWith('[')) return true;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  return rules.some((rule) => {
    const lower = rule.toLowerCase();
    if (lower === '*') return true;
    if (lower.startsWith('.')) return hostname === lower.slice(1) || hostname.endsWith(lower);
    return hostname === lower;
  });
}

export interface AllowedHostOptions {
  /** Host names allowed besides this machine's; `*` for any. */
  allowedHosts?: readonly string[];
  /** The host of the configured base URL is allowed too: it is the name the server is reached by. */
  baseUrl?: string;
}

/**
 * Refuses a request whose `Host` names neither this machine nor an allowed host. Reads are open to
 * any origin, so without this a page on a name that resolves to 127.0.0.1 (DNS rebinding) would be
 * same-origin with this server and could read every prediction and file.
 */
export function requireAllowedHost({ allowedHosts = [], baseUrl }: AllowedHostOptions): MiddlewareHandler {
  const rules = baseUrl ? [...allowedHosts, new URL(baseUrl).hostname] : [...allowedHosts];
  return async (c, next) => {
    // in-process requests carry no Host header: their URL names the host
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const hostname = hostnameOf(host);
    if (hostAllowed(hostname, rules)) return next();
    const shown = JSON.stringify(hostname.slice(0, 100));
    const extra = rules.length > 0 ? `, ${rules.join(', ')}` : '';
    throw new HttpError(
      403,
      `Host ${shown} is not allowed: this server answers to localhost, *.localhost and IP addresses${extra}, so that ` +
        'a page on another name that resolves to it (DNS rebinding) cannot read it. To allow it, start the server ' +
        `with --allowed-host ${/^[\w.-]+$/.test(hostname) ? hostname : '<host>'} (the allowedHosts option in code; ` +
        '"*" allows any host).',
    );
  };
}
