import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { audioPeaks } from './audioPeaks';
import type { MediaView } from './chooseOutputView';

const BARS = 120;
// Larger files are played, not decoded whole into memory for a picture.
const MAX_BYTES = 64e6;

type OfflineContext = new (channels: number, length: number, rate: number) => BaseAudioContext;

/** The peaks of the audio at `url`, decoded with the Web Audio API; `null` while that is not (yet) possible. */
function usePeaks(url: string): [number[] | null, 'loading' | 'ready' | 'unavailable'] {
  // The peaks of `url` once read, or `false` where they cannot be.
  const [state, setState] = useState<[string, number[] | false]>();
  useEffect(() => {
    const Context = (globalThis as { OfflineAudioContext?: OfflineContext }).OfflineAudioContext;
    if (!Context) return setState([url, false]);
    const abort = new AbortController();
    fetch(url, { signal: abort.signal })
      .then((response) => {
        const size = Number(response.headers.get('content-length'));
        if (!response.ok || size > MAX_BYTES)
          throw new Error(`Not decoded: ${response.status}, ${size} bytes`);
        return response.arrayBuffer();
      })
      .then((data) => new Context(1, 1, 44100).decodeAudioData(data))
      .then((audio) => !abort.signal.aborted && setState([url, audioPeaks(audio, BARS)]))
      // The player below plays it anyway: a host that sends no CORS headers or a format this browser
      // cannot decode costs only the picture, and `data-waveform="unavailable"` says so.
      .catch(() => !abort.signal.aborted && setState([url, false]));
    return () => abort.abort();
  }, [url]);
  const peaks = state?.[0] === url ? state[1] : undefined;
  return [peaks || null, peaks ? 'ready' : peaks === false ? 'unavailable' : 'loading'];
}

const bars = (peaks: number[], from: number, to: number) =>
  peaks
    .slice(from, to)
    .map((p, i) => `M${from + i + 0.5} ${1 - Math.max(p, 0.03)}V${1 + Math.max(p, 0.03)}`)
    .join('');

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/**
 * An audio output: its waveform, drawn from the decoded audio, over the browser's player. The waveform is a
 * slider that seeks: click a point, or use the arrow keys (5 s), Page Up/Down (a tenth), Home and End.
 * Where the audio cannot be decoded here, the player stands alone.
 */
export function AudioWaveform({ view, children }: { view: MediaView; children?: ReactNode }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [peaks, state] = usePeaks(view.url);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const seek = (to: number) => {
    const a = audio.current;
    if (!a || !duration) return;
    a.currentTime = Math.min(duration, Math.max(0, to));
    setTime(a.currentTime);
  };
  const keyDown = (e: KeyboardEvent) => {
    const tenth = duration / 10;
    const by = { ArrowRight: 5, ArrowUp: 5, ArrowLeft: -5, ArrowDown: -5, PageUp: tenth, PageDown: -tenth }[
      e.key
    ];
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? duration : time + (by ?? Number.NaN);
    if (Number.isNaN(to)) return;
    e.preventDefault();
    seek(to);
  };
  const played = duration ? Math.round((time / duration) * BARS) : 0;
  const track = () => {
    const a = audio.current;
    if (!a) return;
    setTime(a.currentTime);
    if (Number.isFinite(a.duration)) setDuration(a.duration);
  };
  return (
    <div data-slot="output-audio" data-waveform={state}>
      {peaks && (
        <div
          role="slider"
          tabIndex={0}
          aria-label="Seek"
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={Math.round(time)}
          aria-valuetext={`${clock(time)} of ${clock(duration)}`}
          aria-disabled={!duration || undefined}
          data-slot="waveform"
          onKeyDown={keyDown}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            if (box.width) seek(((e.clientX - box.left) / box.width) * duration);
          }}
        >
          <svg viewBox={`0 0 ${BARS} 2`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <path d={bars(peaks, 0, played)} data-slot="waveform-played" />
            <path d={bars(peaks, played, BARS)} />
          </svg>
        </div>
      )}
      {/* biome-ignore lint/a11y/useMediaCaption: generated audio comes with no caption track to offer. */}
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={view.url}
        aria-label="Output audio"
        onLoadedMetadata={track}
        onDurationChange={track}
        onTimeUpdate={track}
        onSeeked={track}
      />
      {children}
    </div>
  );
}
