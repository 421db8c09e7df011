import { toBase64 } from './sha256';
import type { Store } from './store/Store';

export interface ServerSecrets {
  /** Replicate's account webhook secret, `whsec_<base64>` (Standard Webhooks). */
  readonly webhookSecret: string;
  /** Signs capability URLs (streams, file downloads) that work without the bearer token. */
  readonly urlKey: Uint8Array;
}

const random = (bytes: number) => toBase64(crypto.getRandomValues(new Uint8Array(bytes)));

/** The secret stored under `key`, made and stored first if there is none yet. */
function kept(store: Store, key: string, make: () => string): string {
  const existing = store.getSetting(key);
  if (existing !== undefined) return existing;
  const value = make();
  store.putSetting(key, value);
  return value;
}

/**
 * The server's secrets, kept in the store: a server with `--data-dir` keeps them across restarts,
 * so webhook receivers and signed URLs go on working.
 */
export function serverSecrets(store: Store): ServerSecrets {
  const webhookSecret = kept(store, 'replicate.webhook_secret', () => `whsec_${random(24)}`);
  const urlKey = kept(store, 'url_signing_key', () => random(32));
  return { webhookSecret, urlKey: Uint8Array.from(atob(urlKey), (c) => c.charCodeAt(0)) };
}
