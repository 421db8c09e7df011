import { useState } from 'react';
import { formatJsonNumber } from './formatJsonNumber';
import type { ClassScore } from './readClassification';

const SHOWN = 10;

/**
 * Classes as labelled bars, highest score first, the picked one marked. Each bar is a meter whose name is
 * the class and whose value reads as a percentage (probabilities) or as the score itself (any other scale).
 */
export function ClassificationBars({ label, classes }: { label?: string; classes: ClassScore[] }) {
  const [all, setAll] = useState(false);
  const scores = classes.map((c) => c.score);
  const probabilities = scores.every((s) => s >= 0 && s <= 1);
  const min = probabilities ? 0 : Math.min(0, ...scores);
  const max = probabilities ? 1 : Math.max(...scores);
  const text = (s: number) => (probabilities ? `${Number((s * 100).toFixed(1))}%` : formatJsonNumber(s));
  const top = label ?? classes[0]?.label;
  return (
    <div data-slot="output-classes">
      <ul aria-label={top === undefined ? 'Scores' : `Scores; picked: ${top}`}>
        {(all ? classes : classes.slice(0, SHOWN)).map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; the rank tells the rows apart.
          <li key={i} data-top={c.label === top || undefined}>
            {/* Shown for the eye; a screen reader hears both from the meter. */}
            <span aria-hidden="true">{c.label}</span>
            {/* biome-ignore lint/a11y/useSemanticElements: a <meter> draws its bar its own way in each browser; this one takes the theme. */}
            <div
              role="meter"
              aria-label={c.label}
              aria-valuemin={min}
              aria-valuemax={max}
              aria-valuenow={c.score}
              aria-valuetext={text(c.score)}
              data-slot="class-bar"
            >
              <span style={{ width: `${max > min ? ((c.score - min) / (max - min)) * 100 : 100}%` }} />
            </div>
            <span aria-hidden="true">{text(c.score)}</span>
          </li>
        ))}
      </ul>
      {!all && classes.length > SHOWN && (
        <button type="button" data-slot="json-more" onClick={() => setAll(true)}>
          Show all {classes.length} classes
        </button>
      )}
    </div>
  );
}
