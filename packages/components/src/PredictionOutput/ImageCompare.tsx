import { type CSSProperties, useState } from 'react';
import type { MediaView } from './chooseOutputView';

/**
 * An input image and the image made from it, one over the other: the output shows right of a divider
 * that a slider moves (drag or click anywhere on the image; arrow keys by 5%, Page Up/Down by 25%,
 * Home and End).
 */
export function ImageCompare({ before, after }: { before: MediaView; after: MediaView }) {
  const [at, setAt] = useState(50);
  return (
    <figure data-slot="output-compare">
      <div data-slot="compare-frame" style={{ '--pk-compare': `${at}%` } as CSSProperties}>
        <img src={before.url} alt="Before: the input" />
        <img src={after.url} alt="After: the output" data-slot="compare-after" />
        <input
          type="range"
          min={0}
          max={100}
          value={at}
          onChange={(e) => setAt(Number(e.currentTarget.value))}
          onKeyDown={(e) => {
            // Steps a reader sees move, the same in every browser.
            const by = { ArrowRight: 5, ArrowUp: 5, ArrowLeft: -5, ArrowDown: -5, PageUp: 25, PageDown: -25 }[
              e.key
            ];
            const to = e.key === 'Home' ? 0 : e.key === 'End' ? 100 : by === undefined ? undefined : at + by;
            if (to === undefined) return;
            e.preventDefault();
            setAt(Math.min(100, Math.max(0, to)));
          }}
          aria-label="Divider between input and output"
          aria-valuetext={`Input ${at}%, output ${100 - at}%`}
        />
      </div>
      <figcaption>
        <span>Input</span>
        <span>Output</span>
      </figcaption>
    </figure>
  );
}
