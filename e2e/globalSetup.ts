import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { listen } from '@predictkit/server/node';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { listenPlaygroundApp } from '../apps/playground/server/listenPlaygroundApp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string;
    apiUrl: string;
    /** The secrets the build ran beside, which no built file may hold. */
    secretsAtBuild: Record<string, string>;
  }
}

const playgroundRoot = fileURLToPath(new URL('../apps/playground/', import.meta.url));

/**
 * A production build of the playground, served by `vite preview` on 127.0.0.1, in front of the real
 * local server and the playground's own server (`/app`, logging to the local Weave surface) on
 * 127.0.0.1: the same setup a newcomer gets, minus the dev server.
 */
export default async function setup(project: TestProject) {
  const api = await listen({ port: 0, timeScale: 0.25, onWarning: () => {} });
  const app = await listenPlaygroundApp({ api: api.url, port: 0 });
  // Built as a developer with the server's secrets in the environment would build it.
  const secrets = {
    WANDB_API_KEY: `wandb-key-${crypto.randomUUID()}`,
    WRIFTAI_ACCESS_TOKEN: `wriftai-token-${crypto.randomUUID()}`,
    REPLICATE_API_TOKEN: `r8_${crypto.randomUUID().replaceAll('-', '')}`,
  };
  const before = { ...process.env };
  Object.assign(process.env, secrets);
  try {
    await build({ root: playgroundRoot, logLevel: 'warn', configFile: `${playgroundRoot}vite.config.ts` });
  } finally {
    for (const name of Object.keys(secrets)) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
  }
  project.provide('secretsAtBuild', secrets);
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
        '/app': { target: app.url, changeOrigin: false },
      },
    },
  });
  const address = server.httpServer.address() as AddressInfo;
  project.provide('playgroundUrl', `http://127.0.0.1:${address.port}`);
  project.provide('apiUrl', api.url);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await app.close();
    await api.close();
  };
}
