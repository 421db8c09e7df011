import { type Model, type ModelRef, type ModelVersion, parseModelRef } from '@predictkit/core';
import { HttpError } from './http/HttpError';
import type { DemoModel, DemoVersion } from './models/types';

export const OWNER = {
  id: 'a6f1c3e2-5b7d-4c1e-9f0a-2d4b6c8e0f11',
  username: 'predictkit',
  avatar_url: null,
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

/** The built-in models as the API shows them. */
export class Catalog {
  constructor(
    readonly models: readonly DemoModel[],
    private readonly countPredictions: (owner: string, name: string) => number,
  ) {}

  find(owner: string, name: string): DemoModel {
    const model = owner === OWNER.username ? this.models.find((m) => m.name === name) : undefined;
    if (!model) {
      throw new HttpError(
        404,
        `Model ${owner}/${name} not found. GET /v1/models lists the models this server has.`,
      );
    }
    return model;
  }

  findVersion(model: DemoModel, number?: number): DemoVersion {
    if (number === undefined) return model.versions.at(-1) as DemoVersion;
    const version = model.versions.find((v) => v.number === number);
    if (!version) {
      const numbers = model.versions.map((v) => v.number).join(', ');
      throw new HttpError(
        404,
        `Version ${number} of ${OWNER.username}/${model.name} not found; it has version(s) ${numbers}.`,
      );
    }
    return version;
  }

  summary(model: DemoModel): Model {
    return {
      id: stableUuid(`model:${model.name}`),
      name: model.name,
      owner: { ...OWNER },
      description: model.description,
      visibility: 'public',
      created_at: model.created_at,
      updated_at: (model.versions.at(-1) as DemoVersion).created_at,
      hardware: model.hardware,
      predictions_count: this.countPredictions(OWNER.username, model.name),
      categories: model.categories,
    };
  }

  details(model: DemoModel): Model {
    return {
      ...this.summary(model),
      overview: model.overview,
      source_url: model.source_url ?? null,
      license_url: model.license_url ?? null,
      paper_url: model.paper_url ?? null,
      latest_version: this.version(model, model.versions.at(-1) as DemoVersion, true),
    };
  }

  version(model: DemoModel, version: DemoVersion, withSchemas: boolean): ModelVersion {
    const summary: ModelVersion = {
      number: version.number,
      release_notes: version.release_notes,
      created_at: version.created_at,
      container_image_digest: `sha256:${stableHex(`${model.name}:${version.number}`, 64)}`,
    };
    return withSchemas
      ? { ...summary, schemas: { prediction: { input: version.input, output: version.output } } }
      : summary;
  }
}
