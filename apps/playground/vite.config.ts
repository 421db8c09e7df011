import react from '@vitejs/plugin-react';
import { defineConfig, type HttpProxy } from 'vite';
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
/**
 * An answer cut upstream (the API stopped or killed mid-stream) is cut here too. Left alone, the
 * proxy keeps the browser's side of a stream open, and the page sees nothing until its idle timeout
 * (45 s) rather than reconnecting at once.
 */
const cutWithUpstream = (server: HttpProxy.ProxyServer) =>
  server.on('proxyRes', (upstream, _request, response) => {
    upstream.on('close', () => {
      if (!upstream.complete) response.destroy();
    });
  });
const proxy = {
  '/v1': { target, changeOrigin: false, configure: cutWithUpstream },
  '/replicate/v1': { target, changeOrigin: false, configure: cutWithUpstream },
  '/app': { target: app, changeOrigin: false, configure: cutWithUpstream },
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
