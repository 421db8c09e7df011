import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  fixedExtension: false,
  outDir: 'dist',
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
