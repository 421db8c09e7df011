import { type ModelRef, parseModelRef } from '@predictkit/core';
import { HttpError } from './http/HttpError';
import type { DemoModel, DemoVersion } from './models/types';

/** The owner of the demo models. */
export const OWNER = {
  id: 'a6f1c3e2-5b7d-4c1e-9f0a-2d4b6c8e0f11',
  username: 'predictkit',
} as const;

/** 32 hex digits from a string: stable ids and image digests for the built-in models. */
function stableHex(text: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function stableUuid(text: string): string {
  const h = stableHex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A message quotes at most the start of what a client sent. */
const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * Core's `owner/name` / `owner/name:N` parsing, with its message turned into a `422` naming `loc`.
 * WriftAI numbers its versions: a Replicate version id (`owner/name:<64 hex>`) is refused too.
 */
export function parseModelReference(ref: unknown, loc: (string | number)[]): ModelRef & { version?: number } {
  try {
    if (typeof ref !== 'string')
      throw new TypeError(
        `Invalid model reference ${shorten(JSON.stringify(ref) ?? String(ref))}: not a string like "owner/name" or "owner/name:N".`,
      );
    const parsed = parseModelRef(ref);
    if (typeof parsed.version === 'string') {
      throw new TypeError(
        `Invalid model reference ${shorten(JSON.stringify(ref))}: this API numbers versions (owner/name:N); a 64-hex version id is Replicate's, under /replicate/v1.`,
      );
    }
    return parsed as ModelRef & { version?: number };
  } catch (error) {
    throw new HttpError(422, [{ loc, msg: (error as Error).message, type: 'value_error' }]);
  }
}

/** The built-in models, as code declares them. */
export class Catalog {
  constructor(
    readonly models: readonly DemoModel[],
    private readonly countPredictions: (owner: string, name: string) => number,
  ) {}

  predictionsCount(model: DemoModel): number {
    return this.countPredictions(OWNER.username, model.name);
  }

  /** The id the API shows for a demo model: stable across restarts. */
  modelId(model: DemoModel): string {
    return stableUuid(`model:${model.name}`);
  }

  /** A demo version's image: the digest that names its runner when a version is created (`POST …/versions`). */
  digest(model: DemoModel, version: DemoVersion): string {
    return `sha256:${stableHex(`${model.name}:${version.number}`, 64)}`;
  }
}
