import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/server/index.ts'],
  format: 'esm',
  dts: true,
  fixedExtension: false,
  outDir: 'dist',
});
