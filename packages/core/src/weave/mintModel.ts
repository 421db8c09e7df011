import { formatModelRef, parseModelRef, predictionModelRef } from '../parseModelRef';
import type { Prediction } from '../types';
import type { WeaveClient } from './createWeaveClient';
import { createWeaveModel } from './objects';

/** A PredictKit model reference as a Weave object name: only the characters Weave's names take. */
const objectName = (owner: string, name: string) => `${owner}.${name}`.replace(/[^\w.-]/g, '-');

/**
 * A Weave model per PredictKit model version (`owner/name:version`), created once per client:
 * concurrent callers share one create, and a failed one is tried again by the next caller. The
 * same fields give the same digest, so another process mints the same reference.
 */
export function createModelMinter(client: WeaveClient) {
  const minted = new Map<string, Promise<string>>();
  return (
    model: string | Pick<Prediction<unknown, unknown>, 'model'>,
    signal?: AbortSignal,
  ): Promise<string> => {
    const text = typeof model === 'string' ? formatModelRef(parseModelRef(model)) : predictionModelRef(model);
    let ref = minted.get(text);
    if (!ref) {
      const { owner, name, version } = parseModelRef(text);
      ref = createWeaveModel(
        client,
        {
          name: objectName(owner, name),
          description: text,
          // Weave wants code; a hosted model's is elsewhere, so this says where it runs.
          source_code: `# ${text}: a hosted model, run through PredictKit.\n`,
          attributes: { predictkit_model: text, owner, name, ...(version !== undefined && { version }) },
        },
        { signal },
      ).then(
        (v) => v.ref,
        (error) => {
          minted.delete(text);
          throw error;
        },
      );
      minted.set(text, ref);
    }
    return ref;
  };
}

export type ModelMinter = ReturnType<typeof createModelMinter>;
