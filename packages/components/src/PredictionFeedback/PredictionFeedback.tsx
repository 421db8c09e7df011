import {
  type FocusEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';

/** One score as Weave takes it: thumbs up is 1, thumbs down 0; a rating is 1 to 5. */
export interface FeedbackScore {
  kind: 'thumbs' | 'rating';
  value: number;
  /** The `predictionId` prop, so that one callback can serve many predictions. */
  predictionId?: string;
}

/** What the person chose: `thumbs` 1 (up) or 0 (down), `rating` 1 to 5; `null` or absent for no choice. */
export interface FeedbackValue {
  thumbs?: number | null;
  rating?: number | null;
}

/** `idle` before anything is sent; otherwise the state of what was sent last. */
export type FeedbackStatus = 'idle' | 'pending' | 'recorded' | 'error';

export interface PredictionFeedbackProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'defaultValue'> {
  /**
   * Records a score, e.g. through `useScorePrediction` or your own request. A promise is waited for and a
   * rejection shows an error with a retry; any other return counts as recorded at once.
   */
  onScore: (score: FeedbackScore) => unknown;
  predictionId?: string | undefined;
  /** The chosen feedback, controlled (with `onValueChange`). */
  value?: FeedbackValue | undefined;
  /** The feedback chosen at first, uncontrolled: e.g. what was recorded earlier. It is not sent again. */
  defaultValue?: FeedbackValue | undefined;
  /** Called with every new choice, before `onScore` settles. */
  onValueChange?: ((value: FeedbackValue) => void) | undefined;
  /** Offer a 1–5 rating beside the thumbs. */
  rating?: boolean | undefined;
  disabled?: boolean | undefined;
  /** The group's visible label. */
  label?: ReactNode;
}

type Kind = FeedbackScore['kind'];
interface Sent {
  status: Exclude<FeedbackStatus, 'idle'>;
  value: number;
  error?: unknown;
  /** Which send this is: an answer to an older one is ignored once a newer one is under way. */
  seq: number;
}

const STATUS_TEXT: Record<FeedbackStatus, string> = {
  idle: '',
  pending: 'Sending…',
  recorded: 'Feedback recorded',
  error: '',
};
const THUMBS = [
  [1, 'up', 'Thumbs up'],
  [0, 'down', 'Thumbs down'],
] as const;
const STARS = [1, 2, 3, 4, 5];

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : '';

/**
 * Feedback on a finished prediction: thumbs up or down and, with `rating`, 1 to 5. Each choice becomes an
 * `onScore` call; a polite live region says "Sending…" and then "Feedback recorded", and a failure shows an
 * error with a retry while the choice stays as it was made.
 */
export function PredictionFeedback({
  onScore,
  predictionId,
  value,
  defaultValue,
  onValueChange,
  rating,
  disabled,
  label = 'Was this helpful?',
  className,
  ...rest
}: PredictionFeedbackProps) {
  const id = useId();
  const [inner, setInner] = useState<FeedbackValue>(defaultValue ?? {});
  const current = value ?? inner;
  const [sent, setSent] = useState<Partial<Record<Kind, Sent>>>({});
  const seq = useRef(0);
  // The latest callbacks, so a send started before a re-render still reaches the current ones.
  const latest = useRef({ onScore, predictionId });
  useEffect(() => {
    latest.current = { onScore, predictionId };
  });
  // Arrow keys move through a radio group and check each radio on the way; sending each one would record
  // ratings nobody meant, so a rating chosen by arrow keys waits (as a draft) for Enter, Space or leaving.
  const byArrow = useRef(false);
  const draft = useRef<number | null>(null);

  const send = (kind: Kind, score: number) => {
    const n = ++seq.current;
    const settle = (next: Omit<Sent, 'seq'>) =>
      setSent((s) => (s[kind]?.seq === n ? { ...s, [kind]: { ...next, seq: n } } : s));
    setSent((s) => ({ ...s, [kind]: { status: 'pending', value: score, seq: n } }));
    const { onScore: record, predictionId: of } = latest.current;
    // A callback that throws at once fails the same way as one that rejects.
    new Promise((resolve) => resolve(record({ kind, value: score, predictionId: of }))).then(
      () => settle({ status: 'recorded', value: score }),
      (error: unknown) => settle({ status: 'error', value: score, error }),
    );
  };

  const change = (next: FeedbackValue) => {
    if (value === undefined) setInner(next);
    onValueChange?.(next);
  };

  const chooseThumb = (score: number) => {
    // The choice already made adds nothing when chosen again (it was recorded, is on its way, or came
    // recorded in `value`); only one that failed is sent again.
    if (current.thumbs === score && sent.thumbs?.status !== 'error') return;
    change({ ...current, thumbs: score });
    send('thumbs', score);
  };

  const commitDraft = () => {
    if (draft.current === null) return;
    send('rating', draft.current);
    draft.current = null;
  };

  const chooseRating = (score: number) => {
    change({ ...current, rating: score });
    draft.current = score;
    // Until it is sent, an earlier rating's "recorded" or error no longer describes what is shown.
    if (byArrow.current) setSent(({ rating: _, ...s }) => s);
    else commitDraft();
  };

  const onRatingKey = (e: KeyboardEvent) => {
    byArrow.current = e.key.startsWith('Arrow');
    if (e.key === 'Enter' || e.key === ' ') commitDraft();
  };

  const onRatingBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) commitDraft();
  };

  const kinds = Object.values(sent);
  const failed = kinds.filter((k) => k.status === 'error');
  const status: FeedbackStatus = kinds.some((k) => k.status === 'pending')
    ? 'pending'
    : failed.length
      ? 'error'
      : kinds.length
        ? 'recorded'
        : 'idle';
  const retry = () => {
    for (const kind of ['thumbs', 'rating'] as const) {
      const s = sent[kind];
      if (s?.status === 'error') send(kind, s.value);
    }
  };
  const reason = failed.map((k) => messageOf(k.error)).find(Boolean);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset's legend cannot sit in line with the buttons.
    <div
      role="group"
      aria-labelledby={`${id}l`}
      data-slot="prediction-feedback"
      data-status={status}
      className={cx('pk', className)}
      {...rest}
    >
      <span id={`${id}l`} data-slot="feedback-label">
        {label}
      </span>
      <span data-slot="feedback-thumbs">
        {THUMBS.map(([score, name, text]) => (
          <button
            key={name}
            type="button"
            data-slot="feedback-thumb"
            data-value={name}
            aria-label={text}
            aria-pressed={current.thumbs === score}
            disabled={disabled}
            onClick={() => chooseThumb(score)}
          >
            <Icon name={name === 'up' ? 'thumbs-up' : 'thumbs-down'} />
          </button>
        ))}
      </span>
      {rating && (
        <div
          role="radiogroup"
          aria-label="Rating, 1 to 5"
          data-slot="radio-group"
          onKeyDown={onRatingKey}
          onPointerDown={() => {
            byArrow.current = false;
          }}
          onBlur={onRatingBlur}
        >
          {STARS.map((n) => (
            <label key={n} data-slot="radio">
              <input
                type="radio"
                name={`${id}r`}
                value={n}
                checked={current.rating === n}
                disabled={disabled}
                onChange={() => chooseRating(n)}
              />
              <span>{n}</span>
            </label>
          ))}
        </div>
      )}
      <span role="status" data-slot="feedback-status">
        {STATUS_TEXT[status]}
      </span>
      {failed.length > 0 && (
        <div role="alert" data-slot="feedback-error">
          <Icon name="alert" />
          <span>Feedback was not recorded{reason ? `: ${reason}` : '.'}</span>
          <button type="button" data-slot="button" data-variant="outline" disabled={disabled} onClick={retry}>
            <Icon name="retry" />
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
