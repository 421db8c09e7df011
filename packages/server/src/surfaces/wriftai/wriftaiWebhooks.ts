import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '@predictkit/core/server';
import type { SurfaceWebhookDeps, SurfaceWebhooks } from '../Surface';
import { toWriftaiPrediction } from './toWriftaiPrediction';

/** WriftAI POSTs the whole prediction on every status change, signed with the webhook's own secret. */
export function wriftaiWebhooks({ sender }: SurfaceWebhookDeps): SurfaceWebhooks {
  return (webhook, record, change) => {
    if (change !== 'status') return;
    const prediction = toWriftaiPrediction(record);
    const body = JSON.stringify(prediction);
    const { secret } = webhook;
    sender.send({
      predictionId: prediction.id,
      label: prediction.status,
      url: webhook.url,
      body,
      headers: async (): Promise<Record<string, string>> =>
        secret ? { [WEBHOOK_SIGNATURE_HEADER]: await signWebhook({ body, secret }) } : {},
    });
  };
}
