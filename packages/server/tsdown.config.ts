import { defineConfig } from 'tsdown';

export default defineConfig({
  // The browser-safe app, the Node entry (listener, SQLite), and the CLI behind `predictkit-server`.
  entry: ['src/index.ts', 'src/node/index.ts', 'src/node/cli.ts'],
  // ESM for `import`, CommonJS for `require` (each with its own declarations); the CLI runs the ESM.
  format: ['esm', 'cjs'],
  dts: {
    // Against core's built declarations, as an app sees them, and a type error fails the build
    // instead of shipping declarations that name types which do not exist.
    compilerOptions: { customConditions: [], composite: false, noEmitOnError: true },
    tsconfigRaw: { references: [] },
  },
  fixedExtension: false,
  outDir: 'dist',
  platform: 'node',
});
