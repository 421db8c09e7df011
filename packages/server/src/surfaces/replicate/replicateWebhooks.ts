import { isTerminal } from '@predictkit/core';
import { signStandardWebhook } from '@predictkit/core/server';
import type { PredictionRecord, PredictionWebhook, ReplicateWebhookEvent } from '../../store/Store';
import type { SurfaceWebhookDeps, SurfaceWebhooks } from '../Surface';
import { originOf, toReplicatePrediction } from './toReplicatePrediction';

/** Replicate sends `output` and `logs` deliveries at most this often; `start` and `completed` always. */
export const WEBHOOK_THROTTLE_MS = 500;

interface Throttle {
  /** `performance.now()` of the last `output` or `logs` delivery handed to the sender. */
  last: number;
  /** When the sender sent it: the next one goes no sooner than 500 ms after. */
  sent: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The newest change waiting for the throttle: it carries everything before it. */
  pending?: { webhook: PredictionWebhook; record: PredictionRecord; event: ReplicateWebhookEvent };
}

/**
 * Replicate's webhooks: the prediction as `GET` shows it, for the events of its filter (`start`
 * when it begins running, `output` and `logs` as they grow, at most one every 500 ms, and
 * `completed` at the end), signed the Standard Webhooks way with the server's secret. Each message
 * has one `webhook-id`, the same on its retries.
 */
export function replicateWebhooks({ sender, catalog, secrets }: SurfaceWebhookDeps): SurfaceWebhooks {
  const throttles = new Map<string, Throttle>();

  const deliver = (
    webhook: PredictionWebhook,
    record: PredictionRecord,
    event: ReplicateWebhookEvent,
    throttle?: Throttle,
  ) => {
    const prediction = toReplicatePrediction(
      record,
      { origin: originOf(record), catalog, secrets },
      { webhook },
    );
    const body = JSON.stringify(prediction);
    const id = `msg_${crypto.randomUUID()}`;
    sender.send({
      predictionId: record.id,
      label: event,
      url: webhook.url,
      body,
      headers: async () => ({ ...(await signStandardWebhook({ body, secret: secrets.webhookSecret, id })) }),
      // Signing and the queue delay a send: the gap is counted between sends, where the receiver sees it.
      ...(throttle && {
        notBefore: () => throttle.sent + WEBHOOK_THROTTLE_MS,
        onSent: () => {
          throttle.sent = performance.now();
        },
      }),
    });
  };

  const flush = (predictionId: string) => {
    const throttle = throttles.get(predictionId);
    if (!throttle?.pending) return;
    const { webhook, record, event } = throttle.pending;
    throttle.pending = undefined;
    throttle.timer = undefined;
    throttle.last = performance.now();
    deliver(webhook, record, event, throttle);
  };

  return (webhook, record, change) => {
    const events = webhook.replicate?.events ?? [];
    if (change === 'status') {
      if (record.status === 'started' && events.includes('start')) deliver(webhook, record, 'start');
      if (!isTerminal(record.status)) return;
      const throttle = throttles.get(record.id);
      throttles.delete(record.id);
      clearTimeout(throttle?.timer);
      // The completed delivery carries every output and log; without it, what waited still goes,
      // carrying the end, at its turn: the sender holds it, so that `idle` waits for it too.
      if (events.includes('completed')) deliver(webhook, record, 'completed');
      else if (throttle?.pending) deliver(webhook, record, throttle.pending.event, throttle);
      return;
    }
    if (!events.includes(change)) return;
    const throttle = throttles.get(record.id) ?? {
      last: Number.NEGATIVE_INFINITY,
      sent: Number.NEGATIVE_INFINITY,
    };
    throttles.set(record.id, throttle);
    const wait = throttle.last + WEBHOOK_THROTTLE_MS - performance.now();
    if (wait <= 0 && !throttle.timer) {
      throttle.last = performance.now();
      deliver(webhook, record, change, throttle);
      return;
    }
    throttle.pending = { webhook, record, event: change };
    throttle.timer ??= setTimeout(() => flush(record.id), Math.max(0, wait));
  };
}
