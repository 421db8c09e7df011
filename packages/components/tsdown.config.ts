import type { RenderedChunk } from 'rolldown';
import { defineConfig } from 'tsdown';

/** What a module imports when it renders or uses hooks: such a module runs on the client only. */
const REACT_AT_RUN_TIME = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
  '@predictkit/react',
];

/**
 * `"use client"` on every built module that uses React at run time (the components, their contexts
 * and hooks), and on nothing else: a server component can still import the pure helpers
 * (`parseSchema`, `validateInput`, `chooseOutputView`, …), and renders the components as client
 * components without a wrapper of its own.
 */
const directive = (chunk: RenderedChunk) =>
  /\.c?js$/.test(chunk.fileName) && chunk.imports.some((id) => REACT_AT_RUN_TIME.includes(id))
    ? '"use client";'
    : '';

export default defineConfig({
  // `code` is PredictionCode's own entry (`@predictkit/components/code`).
  entry: ['src/index.ts', 'src/code.ts'],
  // ESM for bundlers and `import`, CommonJS for `require` (each with its own declarations).
  format: ['esm', 'cjs'],
  // One built file per source module, so that each carries its own directive (or none).
  unbundle: true,
  dts: {
    // Against the built declarations of core and react, as an app sees them, and a type error fails
    // the build instead of shipping declarations that name types which do not exist.
    compilerOptions: { customConditions: [], composite: false, noEmitOnError: true },
    tsconfigRaw: { references: [] },
  },
  fixedExtension: false,
  outDir: 'dist',
  outputOptions: { banner: directive },
  // The peers and the workspace packages stay imports: the app has them once, and the size budget
  // leaves them out. zod stays a lazy `import('zod')` (zodValidator), loaded only by apps that use it.
  deps: {
    neverBundle: [
      'react',
      'react-dom',
      'react/jsx-runtime',
      '@tanstack/react-query',
      '@predictkit/core',
      '@predictkit/react',
      'zod',
    ],
  },
});
