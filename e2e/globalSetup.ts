import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { listen } from '@predictkit/server/node';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string;
    apiUrl: string;
  }
}

const playgroundRoot = fileURLToPath(new URL('../apps/playground/', import.meta.url));

/**
 * A production build of the playground, served by `vite preview` on 127.0.0.1, in front of the real
 * local server on 127.0.0.1: the same setup a newcomer gets, minus the dev server.
 */
export default async function setup(project: TestProject) {
  const api = await listen({ port: 0, timeScale: 0.25, onWarning: () => {} });
  await build({ root: playgroundRoot, logLevel: 'warn', configFile: `${playgroundRoot}vite.config.ts` });
  const server = await preview({
    root: playgroundRoot,
    configFile: `${playgroundRoot}vite.config.ts`,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      // both of the local server's APIs: WriftAI's and Replicate's
      proxy: {
        '/v1': { target: api.url, changeOrigin: false },
        '/replicate/v1': { target: api.url, changeOrigin: false },
      },
    },
  });
  const address = server.httpServer.address() as AddressInfo;
  project.provide('playgroundUrl', `http://127.0.0.1:${address.port}`);
  project.provide('apiUrl', api.url);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await api.close();
  };
}
