import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FeedbackValue, PredictionFeedback } from './PredictionFeedback';

afterEach(cleanup);

function Controlled({ seen }: { seen: FeedbackValue[] }) {
  const [value, setValue] = useState<FeedbackValue>({ rating: 3 });
  return (
    <PredictionFeedback
      rating
      value={value}
      onValueChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
      onScore={() => {}}
    />
  );
}

/** A promise settled by the test, so each state between send and answer can be looked at. */
function deferred() {
  let resolve!: (v?: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const up = () => screen.getByRole('button', { name: 'Thumbs up' });
const down = () => screen.getByRole('button', { name: 'Thumbs down' });
const root = () => screen.getByRole('group', { name: 'Was this helpful?' });

describe('PredictionFeedback', () => {
  it('is a labelled group of two toggle buttons with a live region, the pk class and className', () => {
    render(<PredictionFeedback onScore={() => {}} className="mine" />);
    expect(root()).toHaveAttribute('data-slot', 'prediction-feedback');
    expect(root()).toHaveAttribute('data-status', 'idle');
    expect(root()).toHaveClass('pk', 'mine');
    expect(up()).toHaveAttribute('aria-pressed', 'false');
    expect(down()).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('sends a thumb as 1 or 0 with the prediction id, says "Sending…", then "Feedback recorded"', async () => {
    const answer = deferred();
    const onScore = vi.fn(() => answer.promise);
    render(<PredictionFeedback predictionId="p1" onScore={onScore} />);
    await userEvent.click(up());
    expect(onScore).toHaveBeenCalledWith({ kind: 'thumbs', value: 1, predictionId: 'p1' });
    expect(up()).toHaveAttribute('aria-pressed', 'true');
    expect(root()).toHaveAttribute('data-status', 'pending');
    expect(screen.getByRole('status')).toHaveTextContent('Sending…');
    await act(async () => answer.resolve());
    expect(root()).toHaveAttribute('data-status', 'recorded');
    expect(screen.getByRole('status')).toHaveTextContent('Feedback recorded');

    await userEvent.click(down());
    expect(onScore).toHaveBeenLastCalledWith({ kind: 'thumbs', value: 0, predictionId: 'p1' });
    expect(up()).toHaveAttribute('aria-pressed', 'false');
    expect(down()).toHaveAttribute('aria-pressed', 'true');
  });

  it('does not send the chosen thumb again', async () => {
    const onScore = vi.fn();
    render(<PredictionFeedback onScore={onScore} defaultValue={{ thumbs: 1 }} />);
    expect(up()).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(up());
    expect(onScore).not.toHaveBeenCalled();
    await userEvent.click(down());
    await userEvent.click(down());
    expect(onScore).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent('Feedback recorded');
  });

  it('works from the keyboard: Tab to a thumb, Enter or Space to choose', async () => {
    const onScore = vi.fn();
    render(<PredictionFeedback onScore={onScore} />);
    await userEvent.tab();
    expect(up()).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    await userEvent.keyboard(' ');
    expect(onScore.mock.calls.map(([s]) => s.value)).toEqual([1, 0]);
  });

  it('keeps the choice when sending fails, says why, and sends it again on Retry', async () => {
    const onScore = vi.fn().mockRejectedValueOnce(new Error('Weave is unreachable')).mockResolvedValue({});
    render(<PredictionFeedback onScore={onScore} />);
    await userEvent.click(down());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Feedback was not recorded: Weave is unreachable');
    expect(root()).toHaveAttribute('data-status', 'error');
    expect(down()).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onScore).toHaveBeenCalledTimes(2);
    expect(onScore).toHaveBeenLastCalledWith({ kind: 'thumbs', value: 0, predictionId: undefined });
    expect(await screen.findByText('Feedback recorded')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(down()).toHaveAttribute('aria-pressed', 'true');
  });

  it('takes a callback that throws at once like one that rejects; the failed thumb chosen again retries', async () => {
    const onScore = vi.fn(() => {
      throw new Error('offline');
    });
    render(<PredictionFeedback onScore={onScore} />);
    await userEvent.click(up());
    expect(await screen.findByRole('alert')).toHaveTextContent('offline');
    await userEvent.click(up());
    expect(onScore).toHaveBeenCalledTimes(2);
  });

  it('shows only the latest answer when choices overlap', async () => {
    const first = deferred();
    const second = deferred();
    const onScore = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    render(<PredictionFeedback onScore={onScore} />);
    await userEvent.click(up());
    await userEvent.click(down());
    await act(async () => second.resolve());
    expect(screen.getByRole('status')).toHaveTextContent('Feedback recorded');
    await act(async () => first.reject(new Error('late')));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(down()).toHaveAttribute('aria-pressed', 'true');
  });

  it('rates 1 to 5 in a radio group: a click sends at once', async () => {
    const onScore = vi.fn();
    render(<PredictionFeedback onScore={onScore} rating />);
    const group = screen.getByRole('radiogroup', { name: 'Rating, 1 to 5' });
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(5);
    await userEvent.click(screen.getByRole('radio', { name: '4' }));
    expect(onScore).toHaveBeenCalledWith({ kind: 'rating', value: 4, predictionId: undefined });
    expect(screen.getByRole('radio', { name: '4' })).toBeChecked();
  });

  it('moves the rating with arrow keys and sends it once, on Enter or on leaving the group', async () => {
    const onScore = vi.fn();
    render(<PredictionFeedback onScore={onScore} rating defaultValue={{ rating: 2 }} />);
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(screen.getByRole('radio', { name: '2' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('radio', { name: '4' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '4' })).toHaveFocus();
    expect(onScore).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onScore).toHaveBeenCalledTimes(1);
    expect(onScore).toHaveBeenLastCalledWith({ kind: 'rating', value: 4, predictionId: undefined });

    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    await userEvent.tab();
    expect(onScore).toHaveBeenCalledTimes(2);
    expect(onScore).toHaveBeenLastCalledWith({ kind: 'rating', value: 3, predictionId: undefined });
    expect(screen.getByRole('status')).toHaveTextContent('Feedback recorded');
  });

  it('keeps a failed rating checked and retries it', async () => {
    const onScore = vi.fn().mockRejectedValueOnce(new Error('429 Too Many Requests')).mockResolvedValue({});
    render(<PredictionFeedback onScore={onScore} rating />);
    await userEvent.click(screen.getByRole('radio', { name: '5' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('429 Too Many Requests');
    expect(screen.getByRole('radio', { name: '5' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onScore).toHaveBeenLastCalledWith({ kind: 'rating', value: 5, predictionId: undefined });
    expect(await screen.findByText('Feedback recorded')).toBeInTheDocument();
  });

  it('is controlled by value and onValueChange', async () => {
    const seen: FeedbackValue[] = [];
    render(<Controlled seen={seen} />);
    expect(screen.getByRole('radio', { name: '3' })).toBeChecked();
    await userEvent.click(up());
    expect(seen).toEqual([{ rating: 3, thumbs: 1 }]);
    expect(up()).toHaveAttribute('aria-pressed', 'true');
  });

  it('disables every control', async () => {
    const onScore = vi.fn();
    render(<PredictionFeedback onScore={onScore} rating disabled />);
    expect(up()).toBeDisabled();
    expect(screen.getByRole('radio', { name: '1' })).toBeDisabled();
    await userEvent.click(up());
    expect(onScore).not.toHaveBeenCalled();
  });
});
