import { type Prediction, versionOf } from '@predictkit/core';

/**
 * A form's input in the address (`?input=` JSON) and in the tab's session (a draft per model), so a
 * link reproduces it, and leaving a model and coming back finds it as it was.
 */

/** Longer strings (a file sent inline as a `data:` URI) stay out of the address, which must stay shareable. */
const MAX_VALUE = 1000;

const DRAFTS = 'predictkit-playground:drafts';
const HANDOFF = 'predictkit-playground:handoff';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What of an input fits in an address: no long strings, no empty values. */
export function shareableInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        !(typeof v === 'string' && (v.length > MAX_VALUE || /^data:/i.test(v))),
    ),
  );
}

/** The `input` query value, or `null` for an input with nothing to say. */
export function inputParam(input: Record<string, unknown>): string | null {
  const kept = shareableInput(input);
  return Object.keys(kept).length ? JSON.stringify(kept) : null;
}

/** The address's input, when it holds a readable one. */
export function readInputParam(search: URLSearchParams): Record<string, unknown> | undefined {
  const raw = search.get('input');
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function readDrafts(): Record<string, Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(DRAFTS) ?? '{}');
    return isRecord(value) ? (value as Record<string, Record<string, unknown>>) : {};
  } catch {
    return {};
  }
}

/** The input last typed for a model in this tab. */
export function loadDraft(model: string): Record<string, unknown> | undefined {
  const draft = readDrafts()[model];
  return isRecord(draft) ? draft : undefined;
}

export function saveDraft(model: string, input: Record<string, unknown>): void {
  try {
    sessionStorage.setItem(DRAFTS, JSON.stringify({ ...readDrafts(), [model]: shareableInput(input) }));
  } catch {
    // A full or refused storage only loses the draft; the address still holds the input.
  }
}

/**
 * A prediction's input as it ran: a seed left blank or out was a random one, and `seed` (the one
 * its logs name) makes a run of it start from the same output, where the model takes a `seed` (its
 * input schema says so, or the input names one).
 */
export function inputAsRun(
  prediction: Pick<Prediction, 'input'>,
  seed: number | null,
  inputSchema?: unknown,
): Record<string, unknown> {
  const input = isRecord(prediction.input) ? { ...prediction.input } : {};
  const properties = isRecord(inputSchema) ? inputSchema.properties : undefined;
  const takesSeed = 'seed' in input || (isRecord(properties) && 'seed' in properties);
  if (seed !== null && takesSeed && input.seed == null) input.seed = seed;
  return input;
}

/** The model's page with a prediction's input filled in, on the version it ran: Replicate's "Tweak". */
export function tweakHref(prediction: Prediction, seed: number | null = null, inputSchema?: unknown): string {
  const { owner, name } = prediction.model;
  const version = versionOf(prediction.model);
  const input = inputAsRun(prediction, seed, inputSchema);
  const query = new URLSearchParams();
  if (version !== undefined && version !== null) query.set('version', String(version));
  // Which prediction the input came from, for `takeHandOff`.
  query.set('from', prediction.id);
  const param = inputParam(input);
  if (param) query.set('input', param);
  const search = query.toString();
  return `/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}${search ? `?${search}` : ''}`;
}

/**
 * Hands a whole input (files and long texts included) to the model's page that Tweak opens in this
 * tab, whose address holds only the shareable part and names the prediction it came `from`.
 */
export function handOff(model: string, from: string, input: Record<string, unknown>): void {
  try {
    // A hand-off that cannot be stored (a file over the storage's quota) leaves none behind.
    sessionStorage.removeItem(HANDOFF);
    sessionStorage.setItem(HANDOFF, JSON.stringify({ model, from, input }));
  } catch {
    // The page then reads its address alone, which leaves the files out.
  }
}

/**
 * The whole input handed to `model`'s page, when its address names the prediction the hand-off
 * came from: a link opened later, or one shared, reads its address alone.
 */
export function takeHandOff(model: string, search: URLSearchParams): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(HANDOFF) ?? 'null');
    const from = search.get('from');
    if (isRecord(value) && value.model === model && from && value.from === from && isRecord(value.input)) {
      return value.input;
    }
  } catch {}
  return undefined;
}

/** Forgets the hand-off, once the page's input has moved on from it. */
export function dropHandOff(): void {
  try {
    sessionStorage.removeItem(HANDOFF);
  } catch {}
}
