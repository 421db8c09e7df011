import type { PredictionStatus } from '@predictkit/core';

const WORDS: Record<string, string> = {
  pending: 'Queued',
  starting: 'Queued',
  started: 'Running',
  processing: 'Running',
  canceling: 'Canceling',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  cancelled: 'Canceled',
  aborted: 'Aborted',
};

/** A status as the tab's title says it: a word, with a mark that reads at a glance in a row of tabs. */
export function statusWord(status: PredictionStatus | 'canceling' | null | undefined): string | undefined {
  if (!status) return undefined;
  const word = WORDS[status] ?? status;
  const mark = word === 'Succeeded' ? '✓ ' : word === 'Failed' ? '✗ ' : word === 'Running' ? '● ' : '';
  return `${mark}${word}`;
}
