import '@testing-library/jest-dom/vitest';
import type { PredictionListItem } from '@predictkit/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('changes the DOM of only the row whose prediction changed', () => {
    const items = makePredictionList(10_000);
    const onSelect = () => {};
    const { container, rerender } = render(<PredictionList predictions={items} onSelect={onSelect} />);
    const changed = new Set<string | undefined>();
    const collect = (records: MutationRecord[]) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        changed.add(target?.closest<HTMLElement>('[data-slot=list-row]')?.dataset.index);
      }
    };
    const observer = new MutationObserver(collect);
    observer.observe(container.querySelector('[data-slot=list-rows]') as Element, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const next = items.map((p, i) =>
      i === 3 ? { ...p, status: p.status === 'started' ? 'succeeded' : 'started' } : p,
    );
    rerender(<PredictionList predictions={next} onSelect={onSelect} />);
    collect(observer.takeRecords());
    observer.disconnect();
    expect([...changed]).toEqual(['3']);
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
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load predictions. 503');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onLoadMore).toHaveBeenCalledTimes(2);
    // while the retry loads, it says so, and the failure it follows is gone
    rerender(
      <PredictionList
        predictions={makePredictionList(3)}
        error={new Error('503')}
        isLoading
        hasMore
        onLoadMore={onLoadMore}
      />,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Loading more…');
  });

  it('says a failed load in plain words, with the client’s message under Details', () => {
    const error = Object.assign(new Error('listPredictions failed with 502: Bad Gateway after 3 tries.'), {
      name: 'ApiError',
      status: 502,
    });
    render(<PredictionList predictions={[]} error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/^Could not load predictions\. The service did not answer/);
    expect(alert.querySelector('summary')).toHaveTextContent('Details');
    expect(alert.querySelector('pre')).toHaveTextContent('ApiError: listPredictions failed with 502');
  });

  describe('relative times', () => {
    const T = Date.parse('2026-11-22T10:00:00.000Z');
    const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
    const at = (created: number, id = 'p') => ({
      ...(makePredictionList(1, created)[0] as PredictionListItem),
      id,
      status: 'succeeded',
    });
    const created = (id = 'p') =>
      screen.getByRole('button', { name: new RegExp(id.slice(0, 8)) }).querySelector('time')?.textContent;
    let hidden = false;
    beforeEach(() => {
      vi.useFakeTimers({ now: T });
      hidden = false;
      vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'));
    });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    it('never puts a past creation in the future when the server clock runs ahead', () => {
      render(<PredictionList predictions={[at(T + 2_000)]} onSelect={() => {}} />);
      expect(created()).toBe(relative.format(0, 'second'));
      act(() => vi.advanceTimersByTime(3_000));
      expect(created()).toBe(relative.format(-1, 'second'));
    });

    it('ticks every second in the first minute and every minute after, with nothing running', () => {
      const rendered = vi.fn();
      const renderLink = (_: PredictionListItem, children: ReactNode) => {
        rendered();
        return <button type="button">{children}</button>;
      };
      render(<PredictionList predictions={[at(T - 1_000)]} renderLink={renderLink} />);
      expect(created()).toBe(relative.format(-1, 'second'));
      act(() => vi.advanceTimersByTime(1_000));
      expect(created()).toBe(relative.format(-2, 'second'));
      act(() => vi.advanceTimersByTime(57_000));
      expect(created()).toBe(relative.format(-59, 'second'));
      act(() => vi.advanceTimersByTime(1_000));
      expect(created()).toBe(relative.format(-1, 'minute'));
      rendered.mockClear();
      act(() => vi.advanceTimersByTime(59_000));
      expect(rendered).not.toHaveBeenCalled();
      expect(created()).toBe(relative.format(-1, 'minute'));
      act(() => vi.advanceTimersByTime(1_000));
      expect(rendered).toHaveBeenCalledTimes(1);
      expect(created()).toBe(relative.format(-2, 'minute'));
    });

    it('reads a row that arrives later against the time it arrives, not the clock of an older row', () => {
      const old = at(T - 3 * 3_600_000, 'old00000');
      const { rerender } = render(<PredictionList predictions={[old]} onSelect={() => {}} />);
      act(() => vi.advanceTimersByTime(20_000));
      rerender(
        <PredictionList predictions={[at(Date.now() - 1_000, 'new00000'), old]} onSelect={() => {}} />,
      );
      expect(created('new00000')).toBe(relative.format(-1, 'second'));
      act(() => vi.advanceTimersByTime(1_000));
      expect(created('new00000')).toBe(relative.format(-2, 'second'));
    });

    it('stops while the page is hidden and catches up when it shows again', () => {
      render(<PredictionList predictions={[at(T)]} onSelect={() => {}} />);
      act(() => {
        hidden = true;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      act(() => vi.advanceTimersByTime(10_000));
      expect(created()).toBe(relative.format(0, 'second'));
      expect(vi.getTimerCount()).toBe(0);
      act(() => {
        hidden = false;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect(created()).toBe(relative.format(-10, 'second'));
    });
  });
});

describe('PredictionList as one tab stop', () => {
  it('lets Tab reach one row, the one last focused, and arrows the rest', async () => {
    const user = userEvent.setup();
    const items = makePredictionList(5);
    const { rerender } = render(
      <>
        <button type="button">before</button>
        <PredictionList predictions={items} onSelect={() => {}} />
        <button type="button">after</button>
      </>,
    );
    const rows = screen.getAllByRole('button').filter((b) => b.closest('[data-slot=list-row]'));
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    screen.getByRole('button', { name: 'before' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(rows[0]);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(rows[2]);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(rows[2]);
    // a new prediction on top: the tab stop stays with the prediction, not the position
    const [newer] = makePredictionList(1);
    rerender(
      <>
        <button type="button">before</button>
        <PredictionList predictions={[{ ...newer!, id: 'newer' }, ...items]} onSelect={() => {}} />
        <button type="button">after</button>
      </>,
    );
    await user.tab();
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(rows[2]);
    expect(rows[2]!.tabIndex).toBe(0);
  });

  it('shows a preview line under the model', () => {
    const items = makePredictionList(2);
    render(<PredictionList predictions={items} renderPreview={(p) => `preview of ${p.id.slice(0, 4)}`} />);
    const previews = document.querySelectorAll('[data-slot=list-preview]');
    expect(previews).toHaveLength(2);
    expect(previews[0]).toHaveTextContent(`preview of ${items[0]?.id.slice(0, 4)}`);
  });
});
