import type { JsonSchema } from '@predictkit/core';

/** What a running demo model can do besides computing: everything goes through here. */
export interface ModelContext<TInput = Record<string, unknown>> {
  /** The validated input, with the schema's defaults filled in. */
  readonly input: TInput;
  /** Aborted when the prediction is canceled or runs past the maximum run time. */
  readonly signal: AbortSignal;
  /** Appends one line to the prediction's `logs`. */
  log(line: string): void;
  /**
   * Appends one chunk to the output while the model runs (models whose output is an array that
   * grows, such as a token stream). The runner keeps the partial output visible on the prediction.
   */
  emit(chunk: unknown): void;
  /**
   * Waits `ms` of model time. The server's time scale shortens it (tests run at 1/100 speed);
   * rejects with the signal's reason when the prediction is canceled.
   */
  sleep(ms: number): Promise<void>;
  /** Stores a file and returns its absolute URL (`GET /v1/files/{id}`). */
  saveFile(bytes: Uint8Array, contentType: string): Promise<string>;
  /**
   * Reads an input file given as a `data:` URI or a URL of this server's own files. The input
   * validation has already refused any other URL.
   */
  readFile(uri: string): Promise<{ bytes: Uint8Array; contentType: string }>;
}

export interface DemoVersion {
  number: number;
  release_notes: string;
  created_at: string;
  input: JsonSchema;
  output: JsonSchema;
  /** Simulated setup (cold start) in model milliseconds, before the model starts. */
  setupMs?: number;
  /** Produces the final output. Throwing fails the prediction with the error's message. */
  run(ctx: ModelContext): Promise<unknown>;
}

export interface DemoModel {
  name: string;
  description: string;
  overview: string;
  categories: { name: string; slug: string }[];
  hardware: { identifier: string; name: string };
  created_at: string;
  source_url?: string | null;
  license_url?: string | null;
  paper_url?: string | null;
  /** Oldest first; the last one is the latest. */
  versions: DemoVersion[];
}
