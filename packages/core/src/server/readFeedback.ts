/**
 * The scores a browser may send, by scorer name: each a whole number from `min` to `max`. A
 * browser chooses only among these, so that no visitor can fill the project with scorers.
 */
export type FeedbackScales = Record<string, { min: number; max: number }>;

/** Thumbs up (1) or down (0), and a 1–5 rating: what `PredictionFeedback` sends. */
export const DEFAULT_FEEDBACK: FeedbackScales = {
  thumbs: { min: 0, max: 1 },
  rating: { min: 1, max: 5 },
};

/** The feedback body's size limit: a scorer name and a number. */
export const FEEDBACK_BODY_BYTES = 1024;

/** Why `scales` is not a set of scales, or nothing. */
export function feedbackScalesProblem(scales: unknown): string | undefined {
  if (scales === undefined) return undefined;
  const valid =
    !!scales &&
    typeof scales === 'object' &&
    Object.entries(scales).length > 0 &&
    Object.entries(scales).every(
      ([name, scale]) =>
        /^[\w.-]{1,64}$/.test(name) &&
        Number.isInteger(scale?.min) &&
        Number.isInteger(scale?.max) &&
        scale.min <= scale.max,
    );
  return valid
    ? undefined
    : '`feedback` must map scorer names (letters, digits, `_`, `.`, `-`) to `{ min, max }` whole numbers, e.g. { thumbs: { min: 0, max: 1 } }.';
}

/**
 * A browser's feedback body, `{"scorer": "thumbs", "value": 1}` (`true`/`false` count as 1/0):
 * the scorer and its value, or the words that refuse it.
 */
export function readFeedback(
  body: unknown,
  scales: FeedbackScales,
): { scorer: string; value: number } | string {
  const names = Object.keys(scales).join(', ');
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return `Send feedback as JSON: {"scorer": one of ${names}, "value": a whole number}.`;
  }
  const { scorer, value: raw } = body as { scorer?: unknown; value?: unknown };
  const scale = typeof scorer === 'string' && Object.hasOwn(scales, scorer) ? scales[scorer] : undefined;
  if (!scale) return `\`scorer\` must be one of ${names}, got ${JSON.stringify(scorer) ?? 'nothing'}.`;
  const value = typeof raw === 'boolean' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < scale.min || value > scale.max) {
    return `\`value\` for ${scorer} must be a whole number from ${scale.min} to ${scale.max}, got ${JSON.stringify(raw) ?? 'nothing'}.`;
  }
  return { scorer: scorer as string, value };
}
