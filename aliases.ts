import { fileURLToPath } from 'node:url';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const exact = (specifier: string) =>
  new RegExp(`^${specifier.replaceAll('/', '\\/').replaceAll('.', '\\.')}$`);

/**
 * Vite, Vitest and Storybook read the workspace packages from their sources, so nothing has
 * to be built first (the same thing the `@predictkit/source` export condition does for tsc and tsx).
 */
export const workspaceAliases = [
  ['@predictkit/core', 'packages/core/src/index.ts'],
  ['@predictkit/core/account', 'packages/core/src/account/index.ts'],
  ['@predictkit/core/catalog', 'packages/core/src/catalog/index.ts'],
  ['@predictkit/core/feedback', 'packages/core/src/feedback/index.ts'],
  ['@predictkit/core/chat', 'packages/core/src/chat/index.ts'],
  ['@predictkit/core/replicate', 'packages/core/src/replicate/index.ts'],
  ['@predictkit/core/schema', 'packages/core/src/schema/index.ts'],
  ['@predictkit/core/server', 'packages/core/src/server/index.ts'],
  ['@predictkit/core/stream', 'packages/core/src/stream/index.ts'],
  ['@predictkit/core/watcher', 'packages/core/src/watcher/index.ts'],
  ['@predictkit/core/duration', 'packages/core/src/duration/index.ts'],
  ['@predictkit/core/weave', 'packages/core/src/weave/index.ts'],
  ['@predictkit/core/zod', 'packages/core/src/zod/index.ts'],
  ['@predictkit/server', 'packages/server/src/index.ts'],
  ['@predictkit/server/node', 'packages/server/src/node/index.ts'],
  ['@predictkit/react', 'packages/react/src/index.ts'],
  ['@predictkit/react/account', 'packages/react/src/account/index.ts'],
  ['@predictkit/react/feedback', 'packages/react/src/feedback/index.ts'],
  ['@predictkit/components', 'packages/components/src/index.ts'],
  ['@predictkit/components/code', 'packages/components/src/code.ts'],
  ['@predictkit/components/styles.css', 'packages/components/src/styles.css'],
  ['@predictkit/components/styles.layer.css', 'packages/components/src/styles.layer.css'],
  ['@predictkit/components/views.css', 'packages/components/src/views.css'],
  ['@predictkit/components/views.layer.css', 'packages/components/src/views.layer.css'],
].map(([specifier, path]) => ({ find: exact(specifier as string), replacement: source(`./${path}`) }));
