import type { Preview } from '@storybook/react-vite';
import '@predictkit/components/styles.css';
import '@predictkit/components/views.css';

const preview: Preview = {
  parameters: {
    // Fail the story test on any accessibility violation, not just report it.
    a11y: { test: 'error' },
    layout: 'padded',
  },
  globalTypes: {
    theme: {
      description: 'Color theme of the components (sets data-theme on <html>)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (Story, context) => {
      // The theme belongs to the whole page, so the canvas background follows the components' tokens.
      const root = document.documentElement;
      root.dataset.theme = context.globals.theme === 'dark' ? 'dark' : 'light';
      Object.assign(document.body.style, {
        background: 'var(--pk-bg)',
        color: 'var(--pk-fg)',
        fontFamily: 'var(--pk-font-sans)',
      });
      return Story();
    },
  ],
};

export default preview;
