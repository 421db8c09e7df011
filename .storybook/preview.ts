import type { Preview, ReactRenderer } from '@storybook/react-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import '@predictkit/components/styles.css';
import '@predictkit/components/views.css';

/** The local server's demo models, which every live story runs on: what a `model` control offers. */
const DEMO_MODELS = [
  'predictkit/text-generator',
  'predictkit/image-generator',
  'predictkit/sentiment',
  'predictkit/tone-synth',
  'predictkit/image-filter',
  'predictkit/echo',
  'predictkit/slow-task',
  'predictkit/unreliable',
  'predictkit/text-generator:1',
];

/** The API's statuses, the aliases the components fold in, and the UI's own `canceling`. */
const STATUSES = [
  'pending',
  'started',
  'succeeded',
  'failed',
  'canceled',
  'canceling',
  'aborted',
  'starting',
  'processing',
];

/**
 * `model` as a choice of the demo models rather than a JSON box (its type, `string | ModelRef`, reads as
 * an object), and `status` as a choice of statuses (its type admits any string).
 */
const withPickers: ArgTypesEnhancer<ReactRenderer> = ({ argTypes }) => ({
  ...argTypes,
  ...(argTypes.model && {
    model: {
      ...argTypes.model,
      control: { type: 'select' },
      options: DEMO_MODELS,
      description:
        `${argTypes.model.description ?? ''}\n\nHere: one of the local server’s demo models.`.trim(),
    },
  }),
  ...(argTypes.status && { status: { ...argTypes.status, control: { type: 'select' }, options: STATUSES } }),
});

const preview: Preview = {
  // A docs page for every component: its description, its props with theirs, and its stories.
  tags: ['autodocs'],
  parameters: {
    // Fail the story test on any accessibility violation, not just report it.
    a11y: { test: 'error' },
    layout: 'padded',
    controls: {
      // descriptions and defaults beside each control, and pickers for dates and colours
      expanded: true,
      sort: 'requiredFirst',
      matchers: { color: /(background|color)$/i, date: /(_at|Date|since|until)$/ },
    },
    docs: { toc: true },
  },
  // Pickers for the props that take one of a few values, on the components that have them.
  argTypesEnhancers: [withPickers],
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
