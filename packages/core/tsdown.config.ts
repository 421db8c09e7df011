import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/account/index.ts',
    'src/catalog/index.ts',
    'src/feedback/index.ts',
    'src/chat/index.ts',
    'src/replicate/index.ts',
    'src/schema/index.ts',
    'src/server/index.ts',
    'src/stream/index.ts',
    'src/watcher/index.ts',
    'src/duration/index.ts',
    'src/weave/index.ts',
    'src/zod/index.ts',
  ],
  // ESM for bundlers and `import`, CommonJS for `require` (each with its own declarations: .d.ts, .d.cts).
  format: ['esm', 'cjs'],
  // A type error fails the build instead of shipping declarations that name types which do not exist.
  dts: { compilerOptions: { noEmitOnError: true } },
  fixedExtension: false,
  outDir: 'dist',
});
