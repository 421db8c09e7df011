import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  fixedExtension: false,
  outDir: 'dist',
  // The peers and core stay imports: the app has them once, and the size budget leaves them out.
  deps: { neverBundle: ['react', '@tanstack/react-query', '@predictkit/core'] },
});
