import type { PredictionListItem } from '@predictkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { makePredictionList } from '../fixtures/predictions';
import { PredictionList } from './PredictionList';

const meta = {
  title: 'Components/PredictionList',
  component: PredictionList,
  args: { predictions: makePredictionList(30), onSelect: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 820 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionList>;

export default meta;
type Story = StoryObj<typeof meta>;

const tenThousand = makePredictionList(10_000);

/** Ten thousand rows, windowed: only those in view are in the DOM. */
export const TenThousandRows: Story = {
  args: { predictions: tenThousand },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const rows = () => canvasElement.querySelectorAll('[data-slot=list-row]');
    await expect(rows().length).toBeLessThan(40);
    const first = canvas.getAllByRole('button')[0] as HTMLElement;
    first.focus();
    await userEvent.keyboard('{End}');
    await waitFor(() =>
      expect(document.activeElement?.closest('[data-index]')).toHaveAttribute('data-index', '9999'),
    );
    await expect(rows().length).toBeLessThan(40);
    await userEvent.keyboard('{ArrowUp}{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(tenThousand[9998]);
  },
};

function LiveStatus() {
  const [items, setItems] = useState(() => makePredictionList(200));
  useEffect(() => {
    const timer = setTimeout(
      () =>
        setItems((list) =>
          list.map((p, i) => (i === 0 ? { ...p, status: 'succeeded', execution_time: 'PT2.4S' } : p)),
        ),
      300,
    );
    return () => clearTimeout(timer);
  }, []);
  return (
    <PredictionList
      predictions={items}
      renderLink={(p, children) => <a href={`#/predictions/${p.id}`}>{children}</a>}
    />
  );
}

/** Rows as links (your router's), and a status change that re-renders only its row. */
export const LinksAndLiveStatus: Story = {
  render: () => <LiveStatus />,
  play: async ({ canvasElement }) => {
    const row = canvasElement.querySelector('[data-index="0"]');
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'succeeded'));
    await expect(within(canvasElement).getAllByRole('link')[0]).toHaveAttribute(
      'href',
      expect.stringMatching(/^#\/predictions\//),
    );
  },
};

function Paged() {
  const all = makePredictionList(120);
  const [count, setCount] = useState(25);
  const [loading, setLoading] = useState(false);
  const more = () => {
    setLoading(true);
    setTimeout(() => {
      setCount((c) => Math.min(all.length, c + 25));
      setLoading(false);
    }, 250);
  };
  return (
    <PredictionList
      predictions={all.slice(0, count) as PredictionListItem[]}
      hasMore={count < all.length}
      onLoadMore={more}
      isLoading={loading}
      height={320}
    />
  );
}

/** Pages load with the button, or by scrolling near the end. */
export const LoadMore: Story = {
  render: () => <Paged />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-slot=list-rows]')).toHaveStyle({ height: `${50 * 52}px` }),
    );
  },
};

export const Loading: Story = { args: { predictions: [], isLoading: true } };
export const Empty: Story = { args: { predictions: [] } };

export const LoadError: Story = {
  args: {
    predictions: makePredictionList(5),
    error: new Error('503 Service Unavailable'),
    hasMore: true,
    onLoadMore: fn(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('503 Service Unavailable');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(args.onLoadMore).toHaveBeenCalled();
  },
};

export const Selected: Story = { args: { selectedId: makePredictionList(3)[2]?.id } };

export const Dark: Story = { args: { predictions: makePredictionList(12) }, globals: { theme: 'dark' } };

/** A preview line under each model (here, the input's text), as an app's history shows one. */
export const WithPreviews: Story = {
  args: {
    predictions: makePredictionList(8),
    renderPreview: (p) => `Prompt for ${p.id.slice(0, 4)}: a lighthouse at dusk`,
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-slot=list-preview]').length).toBeGreaterThan(0);
    // one tab stop for the list: the first row, until another is focused
    const rows = [...canvasElement.querySelectorAll<HTMLElement>('[data-slot=list-row] > button')];
    await expect(rows.filter((r) => r.tabIndex === 0)).toHaveLength(1);
  },
};

/** At a phone's width, each row keeps the model's name whole: the status as its icon, the owner left out. */
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 343 }}>
        <Story />
      </div>
    ),
  ],
};
