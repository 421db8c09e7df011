import { isRecord } from '@predictkit/core/schema';

/** One class of a classification and its score (a probability, or any number a model ranks by). */
export interface ClassScore {
  label: string;
  score: number;
}

// The names models and their wrappers give these fields (Hugging Face pipelines, Gradio's Label, Cog models).
const LABEL = ['label', 'class', 'name'];
const SCORE = ['score', 'confidence', 'probability'];
const PICKED = ['label', 'class', 'prediction', 'predicted_label'];
const SCORES = ['scores', 'probabilities', 'confidences'];

const field = (record: Record<string, unknown>, names: string[], type: 'string' | 'number') =>
  names
    .map((name) => record[name])
    .find((v) => typeof v === type && (type === 'string' || Number.isFinite(v)));

function classList(value: unknown): ClassScore[] | undefined {
  if (Array.isArray(value)) {
    const classes = value.map((item) => {
      if (!isRecord(item)) return undefined;
      const label = field(item, LABEL, 'string') as string | undefined;
      const score = field(item, SCORE, 'number') as number | undefined;
      return label === undefined || score === undefined ? undefined : { label, score };
    });
    return classes.length && classes.every(Boolean) ? (classes as ClassScore[]) : undefined;
  }
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  return entries.length && entries.every(([, v]) => typeof v === 'number' && Number.isFinite(v))
    ? entries.map(([label, score]) => ({ label, score: score as number }))
    : undefined;
}

/**
 * Scores per class, highest first: a list of `{label, score}` (or `confidence`, `probability`), or an
 * object with the picked label and its scores (`{label, scores: {cat: 0.9, dog: 0.1}}`, or a list under
 * `confidences`). With `loose`, any object of numbers by name counts too, which on its own could as well
 * be measurements. `undefined` when the value is none of these.
 */
export function readClassification(
  value: unknown,
  loose = false,
): { label?: string; classes: ClassScore[] } | undefined {
  let label: string | undefined;
  let classes = Array.isArray(value) || loose ? classList(value) : undefined;
  if (!classes && isRecord(value)) {
    label = field(value, PICKED, 'string') as string | undefined;
    const scores = SCORES.map((name) => value[name]).find((v) => v !== undefined);
    classes = label === undefined ? undefined : classList(scores);
  }
  if (!classes) return undefined;
  return {
    ...(label === undefined ? {} : { label }),
    classes: [...classes].sort((a, b) => b.score - a.score),
  };
}
