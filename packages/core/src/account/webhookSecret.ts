import { callRoute } from '../catalog/callRoute';
import type { CallOptions, Client } from '../createClient';
import { expectShape } from '../expectShape';

/** The secret a service signs every webhook delivery with: `key` is `whsec_…` on Replicate. */
export interface WebhookSecret {
  key: string;
}

/**
 * The account's webhook signing secret (Replicate's `GET /webhooks/default/secret`), for
 * `verifyStandardWebhook` or `createWebhookHandler` on the server that receives the deliveries.
 * Servers only: it needs the token, and a proxy never forwards it. WriftAI has none (a create
 * names its own `webhook.secret`).
 */
export const getWebhookSecret = async (client: Client, options: CallOptions = {}): Promise<WebhookSecret> =>
  callRoute(
    client,
    'getWebhookSecret',
    options,
    (r) => r.webhookSecret(),
    (raw, at) => {
      const { key } = expectShape<WebhookSecret>(raw, at, { key: 's' });
      return { key };
    },
  );
