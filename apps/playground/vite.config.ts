import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../aliases.ts';

/**
 * The playground talks to `/v1` (WriftAI's API) and `/replicate/v1` (Replicate's) on its own origin;
 * the dev and preview servers pass both on to the local API (or to a `predictkit-server --upstream`
 * proxy), so the browser never needs CORS or a token, and a proxy's visitor cookie stays first-party.
 */
const target = process.env.PREDICTKIT_SERVER_URL ?? 'http://127.0.0.1:8787';
const proxy = {
  '/v1': { target, changeOrigin: false },
  '/replicate/v1': { target, changeOrigin: false },
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
