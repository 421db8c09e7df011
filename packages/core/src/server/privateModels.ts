import { isRecord } from '../schema/isRecord';
import type { ModelRef } from '../types';

/** A model's owner and name as either service sends them: WriftAI's owner is an object, Replicate's a name. */
const refOf = (model: Record<string, unknown>): ModelRef => ({
  owner: String(isRecord(model.owner) ? model.owner.username : model.owner),
  name: String(model.name),
});

/**
 * The catalog as a visitor of the proxy may see it. The proxy reads it with the server's token,
 * which sees the account's private models too: those are the operator's, shown only when
 * visitors may run them (`mayRun`). `hidden` judges one model; `visible` takes the hidden rows out
 * of a page (WriftAI's `items`, Replicate's `results`).
 */
export function privateModels(mayRun: (model: ModelRef) => boolean) {
  const hidden = (model: unknown) =>
    isRecord(model) && model.visibility === 'private' && !mayRun(refOf(model));
  const visible = (page: Record<string, unknown>) => {
    const out = { ...page };
    for (const key of ['items', 'results']) {
      const rows = page[key];
      if (Array.isArray(rows)) out[key] = rows.filter((row) => !hidden(row));
    }
    return out;
  };
  return { hidden, visible };
}
