import type { StorybookConfig } from '@storybook/react-vite';
import { workspaceAliases } from '../aliases.ts';

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../packages/components/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest', '@storybook/addon-a11y'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // A components library's Storybook, not a first project: no onboarding checklist, in the sidebar or the menu.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  typescript: {
    // Reads the props through the types, as TypeScript does (picked and extended props included), with
    // their doc comments as the descriptions; the DOM attributes every element takes are left out.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      // (the workspace's own types are read from tsc's declarations, under node_modules/.cache)
      propFilter: (prop) => !prop.parent || !/node_modules\/(@types|\.pnpm)\//.test(prop.parent.fileName),
    },
  },
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
