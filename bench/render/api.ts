/** What each bench page puts on `window.bench`, called by render.ts through Playwright. */

export type Scenario = 'list' | 'schema-form' | 'rjsf' | 'output';

export interface ListApi {
  /** Renders a PredictionList of `rows` predictions; ms from render to the first paint after it. */
  mount(rows: number): Promise<{ mountMs: number; rowsInDom: number }>;
  /** Gives the prediction at `index` a new status, as a watcher's snapshot would. */
  changeStatus(index: number): Promise<{ rowsRendered: number; rowsMutated: number; updateMs: number }>;
}

export interface FormApi {
  /** Renders the form on a `fields`-field schema; ms from render to the first paint after it. */
  mount(fields: number): Promise<{ mountMs: number; controls: number }>;
  /**
   * The `n`th keystroke (from 0): ms from its keydown to the form's commit, and to the paint after;
   * after `countRenders`, also the components React rendered for it.
   */
  keystroke(n: number): Promise<{ handledMs: number; paintMs: number; renders: number | null }>;
  /** From now on, counts the components each keystroke renders (which costs time: count untimed keys). */
  countRenders(): void;
  /** The value of the text field the keys went to. */
  textValue(): string;
}

export interface StreamOptions {
  bytes: number;
  chunksPerSecond: number;
  chunkBytes: number;
  markdown: boolean;
}

export interface OutputApi {
  /** Streams text into a PredictionOutput chunk by chunk, watching every frame. */
  stream(options: StreamOptions): Promise<{
    chunks: number;
    durationMs: number;
    frames: number;
    /** Gaps between animation frames longer than 50 ms. */
    longFrames: number;
    longestFrameMs: number;
    /** `long-animation-frame` entries (each a frame over 50 ms), as Chromium reports them. */
    longAnimationFrames: number;
    /** Total ms of those entries, and how much of it went to rendering (style, layout, paint) and to scripts. */
    longAnimationFrameMs: number;
    longAnimationFrameRenderMs: number;
    longAnimationFrameScriptMs: number;
    /** Characters sent when the first frame over 50 ms came, or `null` if none did. */
    firstLongFrameAtChars: number | null;
    shownChars: number;
  }>;
}

export type BenchApi = ListApi | FormApi | OutputApi;

export const fieldName = (i: number): string => `f${String(i).padStart(3, '0')}`;

/** The text field in the middle of a `fields`-field schema: the one the keystrokes go to. */
export const textField = (fields: number): string => fieldName(Math.floor(fields / 10) * 5);

/** `fields` fields of five kinds in turn: text, bounded integer, number, boolean, choice. */
export function benchSchema(fields: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < fields; i++) {
    const name = fieldName(i);
    const title = `Field ${i}`;
    const description = `Setting number ${i}.`;
    properties[name] = [
      { type: 'string', title, description, default: '' },
      { type: 'integer', title, description, minimum: 0, maximum: 100, default: 50 },
      { type: 'number', title, description, default: 0.5 },
      { type: 'boolean', title, description, default: false },
      { type: 'string', title, description, enum: ['small', 'medium', 'large'], default: 'medium' },
    ][i % 5];
  }
  return { type: 'object', title: 'Input', properties };
}
