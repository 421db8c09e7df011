/**
 * Bundle size, min+gzip: every row is bundled the same way (rolldown, ESM, minified, for the browser),
 * with the same packages left out as peers, then gzipped at level 9.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

/** Peers an app already has: left out of every row alike. */
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'zod'];

export interface SizeRow {
  name: string;
  /** The source of the entry module that imports what the row measures. */
  entry: string;
  /**
   * Everything left out of this row; default `PEERS`. A row that adds its own (e.g. PredictKit's lower
   * layers, measured in their own rows) spreads `PEERS` in, so peers stay out of every row alike.
   */
  external?: string[];
  /** The PredictKit row this one is compared with. */
  versus?: string;
  /** Shown instead of a verdict where the comparison is context, not competition. */
  note?: string;
}

export const SIZE_ROWS: SizeRow[] = [
  { name: '@predictkit/core (whole browser entry)', entry: `export * from '@predictkit/core';` },
  {
    // Operations are functions taking the client, so a bundle holds only those it imports.
    name: '@predictkit/core: createClient + createPrediction, getPrediction, waitForPrediction (polling)',
    entry: `export { createClient, createPrediction, getPrediction, waitForPrediction } from '@predictkit/core';`,
  },
  {
    // A typical streaming app: run a model, then follow a prediction's stream.
    name: '@predictkit/core: createClient + runPrediction, watchPrediction (streaming)',
    entry: `export { createClient, runPrediction } from '@predictkit/core'; export { watchPrediction } from '@predictkit/core/stream';`,
  },
  {
    // The state a UI renders from has its own entry; @predictkit/react's hooks build on it.
    name: '@predictkit/core + @predictkit/core/watcher (what @predictkit/react builds on)',
    entry: `export * from '@predictkit/core'; export * from '@predictkit/core/watcher';`,
  },
  {
    // `export *` of both would drop the `createClient` each exports; the namespace keeps all of it.
    name: '@predictkit/core + @predictkit/core/replicate (both whole entries)',
    entry: `export * from '@predictkit/core'; export * as replicateEntry from '@predictkit/core/replicate';`,
  },
  {
    // The Replicate entry's `createClient` brings Replicate's provider, and not WriftAI's.
    name: '@predictkit/core/replicate: createClient + replicate provider + createPrediction, getPrediction, waitForPrediction (polling)',
    entry: `export { createClient, replicate } from '@predictkit/core/replicate'; export { createPrediction, getPrediction, waitForPrediction } from '@predictkit/core';`,
  },
  {
    name: '@predictkit/core/replicate: createClient + runPrediction, watchPrediction (streaming)',
    entry: `export { createClient } from '@predictkit/core/replicate'; export { runPrediction } from '@predictkit/core'; export { watchPrediction } from '@predictkit/core/stream';`,
  },
  {
    name: '@predictkit/core/server (proxy, webhooks; server only)',
    entry: `export * from '@predictkit/core/server';`,
  },
  {
    name: '@predictkit/react (whole entry)',
    entry: `export * from '@predictkit/react';`,
    external: [...PEERS, '@predictkit/core'],
  },
  {
    name: '@predictkit/components (whole entry)',
    entry: `export * from '@predictkit/components';`,
    external: [...PEERS, '@predictkit/core', '@predictkit/react'],
  },
  {
    name: '@predictkit/components: SchemaForm',
    entry: `export { SchemaForm } from '@predictkit/components';`,
    external: [...PEERS, '@predictkit/core', '@predictkit/react'],
  },
  {
    // The default entry holds one provider (WriftAI's) and everything built on it; no larger than
    // the whole of the official Replicate client is its budget.
    name: 'replicate@1.4.0 (the whole client, against PredictKit’s default entry)',
    entry: `export { default } from 'replicate';`,
    versus: '@predictkit/core (whole browser entry)',
  },
  {
    name: 'replicate@1.4.0 (the whole client)',
    entry: `export { default } from 'replicate';`,
    versus: '@predictkit/core + @predictkit/core/replicate (both whole entries)',
  },
  {
    // `Replicate` is one class, so an app that only creates, gets and waits carries all of it.
    name: 'replicate@1.4.0 (all an app that creates, gets and waits carries)',
    entry: `export { default } from 'replicate';`,
    versus:
      '@predictkit/core/replicate: createClient + replicate provider + createPrediction, getPrediction, waitForPrediction (polling)',
  },
  {
    name: 'replicate@1.4.0 (all an app that runs and streams carries)',
    entry: `export { default } from 'replicate';`,
    versus: '@predictkit/core/replicate: createClient + runPrediction, watchPrediction (streaming)',
  },
  {
    name: '@fal-ai/client',
    entry: `export { fal } from '@fal-ai/client';`,
    versus: '@predictkit/core (whole browser entry)',
  },
  {
    name: '@tanstack/react-query (the hooks PredictKit uses)',
    entry: `export { QueryClient, QueryClientProvider, useQuery, useQueries, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';`,
    external: PEERS.filter((p) => p !== '@tanstack/react-query'),
    versus: '@predictkit/react (whole entry)',
    note: 'not an alternative: the peer @predictkit/react is built on (already in the app)',
  },
  {
    name: '@ai-sdk/react (useChat)',
    entry: `export { useChat } from '@ai-sdk/react';`,
    versus: '@predictkit/react (whole entry)',
  },
  {
    name: '@rjsf/core (Form)',
    entry: `export { default } from '@rjsf/core';`,
    versus: '@predictkit/components: SchemaForm',
  },
  {
    name: '@rjsf/core + @rjsf/validator-ajv8',
    entry: `export { default } from '@rjsf/core'; export { default as validator } from '@rjsf/validator-ajv8';`,
    versus: '@predictkit/components: SchemaForm',
  },
];

const cacheDir = fileURLToPath(new URL('./.cache/size/', import.meta.url));

/** Min+gzip bytes of one row. */
export async function measureRow(row: SizeRow): Promise<number> {
  mkdirSync(cacheDir, { recursive: true });
  const entry = `${cacheDir}${row.name.replace(/[^a-z0-9]+/gi, '-')}.js`;
  writeFileSync(entry, `${row.entry}\n`);
  const external = row.external ?? PEERS;
  const bundle = await rolldown({
    input: entry,
    platform: 'browser',
    external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    resolve: { conditionNames: ['@predictkit/source', 'browser', 'import', 'module', 'default'] },
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    // Quiet about directives ("use client") the bundle drops; loud about an import it could not find,
    // which would otherwise be left out of the bundle and shrink the row.
    onLog(_level, log) {
      if (log.code === 'UNRESOLVED_IMPORT') throw new Error(`${row.name}: ${log.message}`);
    },
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
  return gzipSync(code, { level: 9 }).length;
}

export interface SizeResult {
  name: string;
  bytes: number;
  versus?: string;
  /** This row's bytes over its PredictKit row's. */
  ratio?: number;
  note?: string;
}

export async function measureSizes(rows: SizeRow[] = SIZE_ROWS): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  // Rows that bundle the same thing (one peer compared with two PredictKit rows) are built once.
  const built = new Map<string, Promise<number>>();
  for (const row of rows) {
    const key = JSON.stringify([row.entry, row.external]);
    if (!built.has(key)) built.set(key, measureRow(row));
    results.push({ name: row.name, bytes: await built.get(key)!, versus: row.versus, note: row.note });
  }
  for (const result of results) {
    const base = results.find((r) => r.name === result.versus);
    if (base) result.ratio = result.bytes / base.bytes;
  }
  return results;
}
