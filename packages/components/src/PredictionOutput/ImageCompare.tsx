import { type CSSProperties, useState } from 'react';
import type { MediaView } from './chooseOutputView';

/**
 * An input image and the image made from it, one over the other: the output shows right of a divider
 * that a native range slider moves: drag or click anywhere on the image, or the keyboard as every browser
 * offers it on a slider (arrow keys by 5%, Page Up/Down, Home and End).
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
          step={5}
          value={at}
          onChange={(e) => setAt(Number(e.currentTarget.value))}
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
