import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/account/index.ts', 'src/feedback/index.ts'],
  // ESM for bundlers and `import`, CommonJS for `require` (each with its own declarations).
  format: ['esm', 'cjs'],
  // One built file per source module, as TanStack Query ships: the hooks' and the provider's modules
  // keep their `'use client'`, while the key and query-options factories (no directive) stay
  // callable from a server component, for prefetching, through the same entry.
  unbundle: true,
  dts: {
    // Against core's built declarations, as an app sees them (not its sources through the workspace
    // condition and project references), and a type error fails the build instead of shipping
    // declarations that name types which do not exist.
    compilerOptions: { customConditions: [], composite: false, noEmitOnError: true },
    tsconfigRaw: { references: [] },
  },
  fixedExtension: false,
  outDir: 'dist',
  // The peers and core stay imports: the app has them once, and the size budget leaves them out.
  deps: { neverBundle: ['react', '@tanstack/react-query', '@predictkit/core'] },
  inputOptions: {
    // The directives are kept, one module per file; the warning is about bundling modules together.
    onLog(level, log, handler) {
      if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
    },
  },
});
