import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audioPeaks } from './audioPeaks';
import { formatJsonNumber } from './formatJsonNumber';
import { PredictionOutput } from './PredictionOutput';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PredictionOutput: URLs', () => {
  it('shows a URL under a plain string schema as text that links, not as a download', () => {
    const { container } = render(<PredictionOutput output="https://x.test/" schema={{ type: 'string' }} />);
    const link = screen.getByRole('link', { name: 'https://x.test/' });
    expect(link).toHaveAttribute('href', 'https://x.test/');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).not.toHaveAttribute('download');
    expect(container.querySelector('[download]')).toBeNull();
  });

  it('shows text under a `format: uri` schema as text', () => {
    const { container } = render(
      <PredictionOutput output="A cat on a mat." schema={{ type: 'string', format: 'uri' }} />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(screen.getByText('A cat on a mat.')).toBeInTheDocument();
  });

  it('links safe file URLs inside an object, with a preview of images, audio and video', () => {
    const { container } = render(
      <PredictionOutput
        output={{
          image: 'https://x.test/a.png',
          voice: 'https://x.test/b.mp3?sig=1',
          clip: 'https://x.test/c.webm',
          mesh: 'https://x.test/d.glb',
          thumb: 'data:image/png;base64,AAAA',
          name: 'not a url',
          bad: 'javascript:alert(1)',
        }}
      />,
    );
    expect(screen.getByRole('link', { name: 'https://x.test/a.png' })).toHaveAttribute('target', '_blank');
    expect(screen.getByRole('link', { name: 'https://x.test/d.glb' })).toHaveAttribute(
      'href',
      'https://x.test/d.glb',
    );
    expect(screen.getByRole('link', { name: 'data:image/png,…' })).toHaveAttribute('download', 'output.png');
    const previews = [...container.querySelectorAll('[data-slot=json-preview]')].map((e) => [
      e.tagName,
      e.getAttribute('src'),
    ]);
    expect(previews).toEqual([
      ['IMG', 'https://x.test/a.png'],
      ['AUDIO', 'https://x.test/b.mp3?sig=1'],
      ['VIDEO', 'https://x.test/c.webm'],
      ['IMG', 'data:image/png;base64,AAAA'],
    ]);
    expect(screen.getByText('"not a url"')).toBeInTheDocument();
    expect(screen.getByText('"javascript:alert(1)"')).toBeInTheDocument();
    expect(container.querySelectorAll('a')).toHaveLength(5);
  });
});

describe('PredictionOutput: JSON', () => {
  it('rounds numbers for reading, keeps the exact value in the title and in the copy', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    render(<PredictionOutput output={{ score: 0.123456789, big: 1234.56789, n: 42, tiny: 1.23456e-7 }} />);
    expect(screen.getByText('0.1235')).toHaveAttribute('title', '0.123456789');
    expect(screen.getByText('1234.5679')).toBeInTheDocument();
    expect(screen.getByText('42')).not.toHaveAttribute('title');
    expect(screen.getByText('1.235e-7')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText.mock.calls[0]?.[0]).toContain('0.123456789');
  });

  it('cuts a long string until asked for all of it', async () => {
    const long = 'x'.repeat(1000);
    render(<PredictionOutput output={{ long }} />);
    expect(screen.queryByText(JSON.stringify(long))).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show all 1000 characters' }));
    expect(screen.getByText(JSON.stringify(long))).toBeInTheDocument();
  });

  it.each([
    [0.5, '0.5'],
    [2, '2'],
    [-12.3456789, '-12.3457'],
    [0.000123456, '0.0001235'],
    [1e21, '1e+21'],
  ])('formats %d as %s', (n, text) => {
    expect(formatJsonNumber(n)).toBe(text);
  });
});

describe('PredictionOutput: classification', () => {
  it('draws labelled meters, highest first, with values a screen reader reads', () => {
    render(<PredictionOutput output={{ label: 'cat', scores: { dog: 0.25, cat: 0.7, fox: 0.05 } }} />);
    const list = screen.getByRole('list', { name: 'Scores; picked: cat' });
    const meters = within(list).getAllByRole('meter');
    expect(meters.map((m) => [m.getAttribute('aria-label'), m.getAttribute('aria-valuetext')])).toEqual([
      ['cat', '70%'],
      ['dog', '25%'],
      ['fox', '5%'],
    ]);
    expect(meters[0]).toHaveAttribute('aria-valuenow', '0.7');
    expect(meters[0]?.firstElementChild).toHaveStyle({ width: '70%' });
    expect(meters[0]?.closest('li')).toHaveAttribute('data-top', 'true');
  });

  it('scales scores that are not probabilities between the lowest and the highest', () => {
    render(<PredictionOutput output={{ a: 4, b: -2 }} view="classification" />);
    const [a, b] = screen.getAllByRole('meter');
    expect(a).toHaveAttribute('aria-valuemin', '-2');
    expect(a).toHaveAttribute('aria-valuemax', '4');
    expect(a).toHaveAttribute('aria-valuetext', '4');
    expect(b?.firstElementChild).toHaveStyle({ width: '0%' });
  });

  it('shows the top ten, and all on request', async () => {
    const classes = Array.from({ length: 14 }, (_, i) => ({ label: `c${i}`, score: i / 20 }));
    render(<PredictionOutput output={classes} />);
    expect(screen.getAllByRole('meter')).toHaveLength(10);
    await userEvent.click(screen.getByRole('button', { name: 'Show all 14 classes' }));
    expect(screen.getAllByRole('meter')).toHaveLength(14);
  });
});

describe('PredictionOutput: images', () => {
  it('compares an image made from an input image with it, by a slider the keyboard moves', async () => {
    const { container } = render(
      <PredictionOutput
        prediction={{
          status: 'succeeded',
          input: { image: 'https://x.test/in.png' },
          output: 'https://x.test/out.png',
        }}
      />,
    );
    expect(screen.getByRole('img', { name: 'Before: the input' })).toHaveAttribute(
      'src',
      'https://x.test/in.png',
    );
    expect(screen.getByRole('img', { name: 'After: the output' })).toHaveAttribute(
      'src',
      'https://x.test/out.png',
    );
    const slider = screen.getByRole('slider', { name: 'Divider between input and output' });
    expect(slider).toHaveAttribute('aria-valuetext', 'Input 50%, output 50%');
    fireEvent.change(slider, { target: { value: '80' } });
    expect(slider).toHaveAttribute('aria-valuetext', 'Input 80%, output 20%');
    expect(slider).toHaveAttribute('step', '5');
    const frame = container.querySelector('[data-slot=compare-frame]') as HTMLElement;
    expect(frame.style.getPropertyValue('--pk-compare')).toBe('80%');
  });

  it('marks a gallery with its count, so that 1 to 4 lay out evenly', () => {
    const url = (i: number) => `https://x.test/${i}.png`;
    const counts = [2, 3, 4, 7].map((n) => {
      const { container } = render(<PredictionOutput output={Array.from({ length: n }, (_, i) => url(i))} />);
      return container.querySelector('[data-slot=output-gallery]')?.getAttribute('data-count');
    });
    expect(counts).toEqual(['2', '3', '4', 'many']);
  });
});

describe('PredictionOutput: audio', () => {
  const samples = new Float32Array([0, 0.5, -1, 0.25, 0, 0, 0.125, -0.125]);

  it('reads peaks per stretch over all channels, the loudest as 1', () => {
    const audio = {
      numberOfChannels: 2,
      length: 8,
      getChannelData: (c: number) => (c ? samples.map((s) => s / 2) : samples),
    };
    expect(audioPeaks(audio, 4)).toEqual([0.5, 1, 0, 0.125]);
    expect(() => audioPeaks(audio, 0)).toThrow('audioPeaks: `bars` must be a whole number ≥ 1, got 0.');
  });

  it('without the Web Audio API, is the plain player', async () => {
    const { container } = render(<PredictionOutput output="https://x.test/a.wav" />);
    expect(container.querySelector('audio')).toHaveAttribute('src', 'https://x.test/a.wav');
    expect(screen.queryByRole('slider')).toBeNull();
    await waitFor(() =>
      expect(container.querySelector('[data-waveform]')).toHaveAttribute('data-waveform', 'unavailable'),
    );
  });

  it('draws the waveform of the decoded audio, and seeks by click and by keyboard', async () => {
    const decoded = { numberOfChannels: 1, length: samples.length, getChannelData: () => samples };
    vi.stubGlobal(
      'OfflineAudioContext',
      class {
        decodeAudioData = async (data: ArrayBuffer) =>
          data.byteLength === 4 ? decoded : Promise.reject(new Error('x'));
      },
    );
    const fetch = vi.fn(async () => new Response(new Uint8Array(4)));
    vi.stubGlobal('fetch', fetch);
    const { container } = render(<PredictionOutput output="https://x.test/a.wav" />);
    const audio = container.querySelector('audio') as HTMLAudioElement;
    Object.defineProperty(audio, 'duration', { value: 100 });
    fireEvent.durationChange(audio);
    const seek = await screen.findByRole('slider', { name: 'Seek' });
    expect(fetch).toHaveBeenCalledWith('https://x.test/a.wav', expect.anything());
    expect(container.querySelector('[data-waveform]')).toHaveAttribute('data-waveform', 'ready');
    expect(seek).toHaveAttribute('aria-valuetext', '0:00 of 1:40');
    vi.spyOn(seek, 'getBoundingClientRect').mockReturnValue({ left: 0, width: 200 } as DOMRect);
    fireEvent.click(seek, { clientX: 50 });
    expect(audio.currentTime).toBe(25);
    seek.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(audio.currentTime).toBe(30);
    await userEvent.keyboard('{PageDown}');
    expect(audio.currentTime).toBe(20);
    await userEvent.keyboard('{End}');
    expect(seek).toHaveAttribute('aria-valuenow', '100');
    await act(async () => fireEvent.timeUpdate(audio));
    expect(container.querySelector('[data-slot=waveform-played]')?.getAttribute('d')).toMatch(/^M0\.5 /);
  });
});
