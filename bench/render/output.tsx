import { PredictionOutput } from '@predictkit/components';
import type { JsonSchema, PredictionStatus } from '@predictkit/core';
import { type Dispatch, type SetStateAction, useState } from 'react';
import type { OutputApi } from './api';
import { nextPaint } from './paint';
import { mount } from './root';

// How text-generator declares its streamed output: string chunks shown as one text.
const schema: JsonSchema = { type: 'array', items: { type: 'string' }, 'x-cog-array-display': 'concatenate' };

const WORDS =
  'the model streams its answer token by token while the page keeps up with every chunk that arrives and the reader follows along'.split(
    ' ',
  );

/** Prose of about `bytes` characters, with paragraphs, some emphasis and lists (Markdown that means something). */
function makeText(bytes: number): string {
  let text = '';
  let seed = 1;
  for (let word = 0; text.length < bytes; word++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const next = WORDS[seed % WORDS.length] as string;
    text += word % 97 === 96 ? '\n\n## Part\n\n' : word % 61 === 60 ? '\n- ' : ' ';
    text += word % 23 === 0 ? `**${next}**` : next;
  }
  return text.slice(0, bytes);
}

/** What is read of a `long-animation-frame` entry (TypeScript's DOM types do not have it yet). */
interface LongAnimationFrame extends PerformanceEntry {
  /** When the frame's rendering (style, layout, paint) began; 0 if it did not render. */
  renderStart: number;
  scripts: readonly { duration: number }[];
}

interface State {
  status: PredictionStatus;
  output: string[];
}

let setState: Dispatch<SetStateAction<State>> = () => {};

function Harness({ markdown }: { markdown: boolean }) {
  const [state, set] = useState<State>({ status: 'started', output: [] });
  setState = set;
  return <PredictionOutput prediction={state} schema={schema} markdown={markdown} />;
}

export const api: OutputApi = {
  async stream({ bytes, chunksPerSecond, chunkBytes, markdown }) {
    const text = makeText(bytes);
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += chunkBytes) chunks.push(text.slice(at, at + chunkBytes));
    await mount(<Harness markdown={markdown} />);
    // The mount's own frame is not streaming: watching starts on the frame after it.
    await nextPaint();
    const started = performance.now();

    const loaf = { count: 0, ms: 0, renderMs: 0, scriptMs: 0 };
    const record = (entries: PerformanceEntryList) => {
      for (const entry of entries as LongAnimationFrame[]) {
        if (entry.startTime < started) continue;
        loaf.count++;
        loaf.ms += entry.duration;
        if (entry.renderStart > 0) loaf.renderMs += entry.startTime + entry.duration - entry.renderStart;
        for (const script of entry.scripts) loaf.scriptMs += script.duration;
      }
    };
    const observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({ type: 'long-animation-frame' });
    let frames = 0;
    let sentChars = 0;
    let firstLongFrameAtChars: number | null = null;
    let longFrames = 0;
    let longestFrameMs = 0;
    let watching = true;
    let last = performance.now();
    const frame = (now: number) => {
      const gap = now - last;
      last = now;
      frames++;
      if (gap > 50) {
        longFrames++;
        firstLongFrameAtChars ??= sentChars;
      }
      longestFrameMs = Math.max(longestFrameMs, gap);
      if (watching) requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });

    await new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        const chunk = chunks[sent++] as string;
        sentChars += chunk.length;
        setState((s) => ({ ...s, output: [...s.output, chunk] }));
        if (sent === chunks.length) {
          clearInterval(timer);
          resolve();
        }
      }, 1000 / chunksPerSecond);
    });
    setState((s) => ({ ...s, status: 'succeeded' }));
    await nextPaint();
    const durationMs = performance.now() - started;
    watching = false;
    // Entries for the last frames are delivered a little after them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    record(observer.takeRecords());
    observer.disconnect();
    const shown = document.querySelector('[data-slot=prediction-output]')?.textContent ?? '';
    return {
      chunks: chunks.length,
      durationMs,
      frames,
      longFrames,
      longestFrameMs,
      longAnimationFrames: loaf.count,
      longAnimationFrameMs: loaf.ms,
      longAnimationFrameRenderMs: loaf.renderMs,
      longAnimationFrameScriptMs: loaf.scriptMs,
      firstLongFrameAtChars,
      shownChars: shown.length,
    };
  },
};
