import { Validator } from '@cfworker/json-schema';
import { abortableSleep } from '../runner/abortableSleep';
import { applyDefaults } from './applyDefaults';
import { decodeDataUri } from './dataUri';
import { demoModels } from './index';
import type { DemoModel, DemoVersion, ModelContext } from './types';

/** Test-only: a ModelContext backed by memory, and what the model did through it. */
export interface TestContext {
  ctx: ModelContext;
  logs: string[];
  emitted: unknown[];
  files: Map<string, { bytes: Uint8Array; contentType: string }>;
  sleeps: number[];
  controller: AbortController;
}

export const FILES_BASE = 'http://127.0.0.1:8787/v1/files/';

/**
 * Builds a context whose `sleep` takes no real time (but still yields to the event loop and honours
 * the signal), whose files live in a map, and whose input has the schema's defaults filled in.
 */
export function createTestContext(
  version: DemoVersion,
  input: Record<string, unknown>,
  options: { files?: TestContext['files']; controller?: AbortController } = {},
): TestContext {
  const logs: string[] = [];
  const emitted: unknown[] = [];
  const sleeps: number[] = [];
  const files = options.files ?? new Map();
  const controller = options.controller ?? new AbortController();
  const { signal } = controller;
  let nextId = files.size;
  const ctx: ModelContext = {
    input: applyDefaults(version.input, input),
    signal,
    log: (line) => logs.push(line),
    emit: (chunk) => emitted.push(chunk),
    sleep: (ms) => {
      sleeps.push(ms);
      return abortableSleep(0, signal);
    },
    saveFile: async (bytes, contentType) => {
      const id = `file-${++nextId}`;
      files.set(id, { bytes, contentType });
      return FILES_BASE + id;
    },
    readFile: async (uri) => {
      if (uri.startsWith('data:')) return decodeDataUri(uri);
      const file = uri.startsWith(FILES_BASE) ? files.get(uri.slice(FILES_BASE.length)) : undefined;
      if (!file) throw new Error(`No such file: ${uri}`);
      return file;
    },
  };
  return { ctx, logs, emitted, files, sleeps, controller };
}

export function findModel(name: string): DemoModel {
  const model = demoModels.find((m) => m.name === name);
  if (!model) throw new Error(`No demo model named ${name}`);
  return model;
}

export function latestVersion(model: DemoModel): DemoVersion {
  const version = model.versions.at(-1);
  if (!version) throw new Error(`${model.name} has no versions`);
  return version;
}

/** Throws with the validator's messages unless `value` matches `schema` (draft 2020-12). */
export function assertValid(schema: Record<string, unknown>, value: unknown): void {
  const result = new Validator(schema, '2020-12', false).validate(value);
  if (!result.valid) {
    const details = result.errors.map((e) => `${e.instanceLocation}: ${e.error}`).join('; ');
    throw new Error(`Schema validation failed: ${details}`);
  }
}

/**
 * Runs a model the way the server does: validates the input, fills defaults, runs, and validates
 * the output against the version's output schema.
 */
export async function runModel(
  name: string,
  input: Record<string, unknown>,
  options: { version?: number; files?: TestContext['files']; controller?: AbortController } = {},
): Promise<TestContext & { output: unknown }> {
  const model = findModel(name);
  const version =
    options.version === undefined
      ? latestVersion(model)
      : model.versions.find((v) => v.number === options.version);
  if (!version) throw new Error(`${name} has no version ${options.version}`);
  assertValid(version.input, input);
  const test = createTestContext(version, input, options);
  const output = await version.run(test.ctx);
  assertValid(version.output, output);
  return { ...test, output };
}
