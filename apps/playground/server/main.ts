/**
 * The playground's app server (`/app/…`): run by the start command beside the local API server.
 * PREDICTKIT_SERVER_URL is the API; PREDICTKIT_APP_PORT its own port (default 8788).
 */
import { listenPlaygroundApp } from './listenPlaygroundApp';

const app = await listenPlaygroundApp({
  api: process.env.PREDICTKIT_SERVER_URL ?? 'http://127.0.0.1:8787',
  port: Number(process.env.PREDICTKIT_APP_PORT ?? 8788),
  env: process.env,
});
console.log(`Playground server: ${app.url}/app (Weave: ${app.weaveUrl}, project ${app.weaveProject})`);
const stop = () => {
  void app.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
