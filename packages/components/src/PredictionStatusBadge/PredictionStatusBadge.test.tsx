import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PredictionStatusBadge } from './PredictionStatusBadge';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const badge = (container: HTMLElement) => container.querySelector('[data-slot=status-badge]');

describe('PredictionStatusBadge', () => {
  it.each([
    ['pending', 'pending', 'Queued'],
    ['started', 'started', 'Running'],
    ['succeeded', 'succeeded', 'Succeeded'],
    ['failed', 'failed', 'Failed'],
    ['canceled', 'canceled', 'Canceled'],
    ['cancelled', 'canceled', 'Canceled'],
    ['aborted', 'canceled', 'Aborted'],
    ['canceling', 'canceling', 'Canceling'],
    ['warming_up', 'unknown', 'warming_up'],
  ])('%s: data-status %s, label %s, and an accessible text', (status, kind, label) => {
    const { container } = render(<PredictionStatusBadge status={status} className="mine" />);
    expect(badge(container)).toHaveAttribute('data-status', kind);
    expect(badge(container)).toHaveClass('pk', 'mine');
    expect(badge(container)).toHaveTextContent(`Status: ${label}`);
  });

  it('spins only while something is in progress', () => {
    const { container, rerender } = render(<PredictionStatusBadge status="started" />);
    expect(container.querySelector('[data-slot=spinner]')).not.toBeNull();
    rerender(<PredictionStatusBadge status="succeeded" />);
    expect(container.querySelector('[data-slot=spinner]')).toBeNull();
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('ticks the elapsed time while running and stops at completion', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T10:00:02.000Z') });
    const since = '2026-11-22T10:00:00.000Z';
    const { rerender } = render(<PredictionStatusBadge status="started" since={since} />);
    expect(screen.getByText('2.0s')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1500));
    expect(screen.getByText('3.5s')).toBeInTheDocument();
    rerender(<PredictionStatusBadge status="succeeded" since={since} until="2026-11-22T10:00:04.100Z" />);
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByText('4.1s')).toBeInTheDocument();
  });

  it('announces status changes through a polite live region when asked', () => {
    const { rerender } = render(<PredictionStatusBadge status="pending" announce />);
    const region = screen.getByRole('status');
    rerender(<PredictionStatusBadge status="failed" announce />);
    expect(region).toHaveTextContent('Status: Failed');
    rerender(<PredictionStatusBadge status="failed" />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('PredictionStatusBadge paused', () => {
  it('stops counting and says it is reconnecting once paused for a second', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T10:00:02.000Z') });
    const since = '2026-11-22T10:00:00.000Z';
    const { container } = render(<PredictionStatusBadge status="started" since={since} paused />);
    const badge = container.querySelector('[data-slot=status-badge]') as HTMLElement;
    expect(badge).not.toHaveAttribute('data-paused');
    act(() => vi.advanceTimersByTime(1000));
    expect(badge).toHaveAttribute('data-paused', 'true');
    expect(badge).toHaveTextContent('reconnecting');
    const before = badge.textContent;
    act(() => vi.advanceTimersByTime(3000));
    expect(badge.textContent).toBe(before);
    vi.useRealTimers();
  });

  it('tells nothing of a pause shorter than a second', () => {
    vi.useFakeTimers();
    const since = new Date().toISOString();
    const { container, rerender } = render(
      <PredictionStatusBadge status="started" since={since} announce paused />,
    );
    act(() => vi.advanceTimersByTime(900));
    expect(screen.getByRole('status')).not.toHaveTextContent('reconnecting');
    rerender(<PredictionStatusBadge status="started" since={since} announce paused={false} />);
    act(() => vi.advanceTimersByTime(2000));
    expect(container.querySelector('[data-paused]')).toBeNull();
    expect(screen.getByRole('status')).not.toHaveTextContent('reconnecting');
    vi.useRealTimers();
  });
});
