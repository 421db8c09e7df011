import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makePredictionList } from '../fixtures/predictions';
import { PredictionList } from './PredictionList';

afterEach(cleanup);

describe('PredictionList', () => {
  it('renders only a window of 10,000 rows, with their position in the set', () => {
    const { container } = render(
      <PredictionList predictions={makePredictionList(10_000)} onSelect={() => {}} />,
    );
    const rows = container.querySelectorAll('[data-slot=list-row]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]).toHaveAttribute('aria-setsize', '10000');
    expect(rows[0]).toHaveAttribute('aria-posinset', '1');
    expect(screen.getByRole('list', { name: 'Predictions' })).toHaveStyle({ height: `${10_000 * 52}px` });
  });

  it('re-renders only the row whose prediction changed', () => {
    const items = makePredictionList(20);
    const rendered: string[] = [];
    const renderLink = (p: { id: string }, children: ReactNode) => {
      rendered.push(p.id);
      return <a href={`#${p.id}`}>{children}</a>;
    };
    const { rerender } = render(<PredictionList predictions={items} renderLink={renderLink} />);
    rendered.length = 0;
    const next = items.map((p, i) => (i === 3 ? { ...p, status: 'succeeded' } : p));
    rerender(<PredictionList predictions={next} renderLink={(p, c) => renderLink(p, c)} />);
    expect(rendered).toEqual([items[3]?.id]);
  });

  it('selects rows by click and keyboard', async () => {
    const items = makePredictionList(5);
    const onSelect = vi.fn();
    render(<PredictionList predictions={items} onSelect={onSelect} selectedId={items[1]?.id} />);
    const buttons = screen.getAllByRole('button');
    await userEvent.click(buttons[0] as HTMLElement);
    expect(onSelect).toHaveBeenLastCalledWith(items[0]);
    await userEvent.keyboard('{ArrowDown}');
    expect(buttons[1]).toHaveFocus();
    await userEvent.keyboard('{End}{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(items[4]);
    expect(buttons[1]?.closest('li')).toHaveAttribute('aria-current', 'true');
  });

  it('shows loading, empty, error and load-more states', async () => {
    const onLoadMore = vi.fn();
    const { rerender } = render(<PredictionList predictions={[]} isLoading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading predictions…');
    rerender(<PredictionList predictions={[]} />);
    expect(screen.getByText('No predictions yet.')).toBeInTheDocument();
    rerender(<PredictionList predictions={makePredictionList(3)} hasMore onLoadMore={onLoadMore} />);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    rerender(
      <PredictionList predictions={makePredictionList(3)} hasMore isLoading onLoadMore={onLoadMore} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading more…');
    rerender(
      <PredictionList predictions={makePredictionList(3)} error={new Error('503')} onLoadMore={onLoadMore} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load predictions: 503');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onLoadMore).toHaveBeenCalledTimes(2);
  });
});
