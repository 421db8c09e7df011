import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../aliases.ts';

/**
 * The playground talks to `/v1` (WriftAI's API) and `/replicate/v1` (Replicate's) on its own origin;
 * the dev and preview servers pass both on to the local API (or to a `predictkit-server --upstream`
 * proxy), so the browser never needs CORS or a token, and a proxy's visitor cookie stays first-party.
 * With Weave logging on, it talks to `/app/…` instead: the playground's own server.
 */
const target = process.env.PREDICTKIT_SERVER_URL ?? 'http://127.0.0.1:8787';
/** The playground's app server (`server/main.ts`): the proxies that log to Weave, and evaluations. */
const app = process.env.PREDICTKIT_APP_URL ?? 'http://127.0.0.1:8788';
const proxy = {
  '/v1': { target, changeOrigin: false },
  '/replicate/v1': { target, changeOrigin: false },
  '/app': { target: app, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  server: { proxy },
  preview: { proxy },
  build: {
    rolldownOptions: {
      // react-query's "use client" directives mean nothing in a client-only build
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
