/** Whether `event` is one Replicate's `webhook_events_filter` takes: `start`, `output`, `logs` or `completed`. */
export const isWebhookEvent = (event: unknown): boolean =>
  /^(start|output|logs|completed)$/.test(event as string);

/** What a list of events must be, in a message. */
export const WEBHOOK_EVENTS = 'a list of "start", "output", "logs" or "completed"';
