import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { workspaceAliases } from './aliases.ts';
import { chromiumLaunchOptions } from './chromium.ts';

const exclude = [...configDefaults.exclude, '**/.tools/**'];

/** The stories run in Debian's Chromium: Playwright cannot download a browser of its own here. */
const chromium = {
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions }),
  instances: [{ browser: 'chromium' as const }],
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/{core,server}/**/*.test.ts',
            'apps/*/server/**/*.test.ts',
            'bench/**/*.test.ts',
            'runtimes/**/*.test.ts',
            'security/**/*.test.ts',
          ],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/{react,components}/**/*.test.{ts,tsx}', 'apps/*/src/**/*.test.{ts,tsx}'],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // PredictKit as users get it: packed, installed with npm into apps outside the workspace.
        test: {
          name: 'consumers',
          environment: 'node',
          include: ['consumers/*.test.ts'],
          globalSetup: ['consumers/globalSetup.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: { name: 'storybook', browser: chromium },
      },
    ],
  },
});
