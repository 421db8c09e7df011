import { defineConfig } from 'tsdown';

export default defineConfig({
  // The browser-safe app, the Node entry (listener, SQLite), and the CLI behind `predictkit-server`.
  entry: ['src/index.ts', 'src/node/index.ts', 'src/node/cli.ts'],
  format: 'esm',
  dts: true,
  fixedExtension: false,
  outDir: 'dist',
  platform: 'node',
});
