import type { StorybookConfig } from '@storybook/react-vite';
import { workspaceAliases } from '../aliases.ts';

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../packages/components/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  viteFinal(config) {
    config.resolve ??= {};
    const alias = config.resolve.alias;
    config.resolve.alias = [...workspaceAliases, ...(Array.isArray(alias) ? alias : [])];
    // zod is imported lazily (zodValidator); listing it up front keeps Vite from finding it mid-run and
    // reloading the page under a running story test.
    config.optimizeDeps ??= {};
    config.optimizeDeps.include = [...(config.optimizeDeps.include ?? []), 'zod'];
    return config;
  },
};

export default config;
