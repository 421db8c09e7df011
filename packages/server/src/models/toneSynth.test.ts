import { describe, expect, it } from 'vitest';
import { FILES_BASE, runModel } from './testContext';
import { composeMelody, SAMPLE_RATE, WAVEFORMS } from './toneSynth';

async function synthesize(input: Record<string, unknown>) {
  const result = await runModel('tone-synth', input);
  const file = result.files.get((result.output as string).slice(FILES_BASE.length));
  if (!file) throw new Error('missing file');
  return { ...result, file, wav: parseWav(file.bytes) };
}

function parseWav(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  const dataLength = view.getUint32(40, true);
  const samples = Array.from({ length: dataLength / 2 }, (_, i) => view.getInt16(44 + i * 2, true));
  return {
    riff: text(0),
    riffSize: view.getUint32(4, true),
    wave: text(8),
    fmt: text(12),
    fmtSize: view.getUint32(16, true),
    format: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true),
    blockAlign: view.getUint16(32, true),
    bitsPerSample: view.getUint16(34, true),
    data: text(36),
    dataLength,
    samples,
    seconds: samples.length / view.getUint32(24, true),
  };
}

describe('tone-synth', () => {
  it('writes a valid 16-bit mono PCM WAV at 22,050 Hz', async () => {
    const { file, wav } = await synthesize({ text: 'Hello world' });
    expect(file.contentType).toBe('audio/wav');
    expect(wav).toMatchObject({
      riff: 'RIFF',
      riffSize: file.bytes.length - 8,
      wave: 'WAVE',
      fmt: 'fmt ',
      fmtSize: 16,
      format: 1,
      channels: 1,
      sampleRate: 22050,
      byteRate: 44100,
      blockAlign: 2,
      bitsPerSample: 16,
      data: 'data',
      dataLength: file.bytes.length - 44,
    });
  });

  it('lasts as long as saying the words at the requested pace', async () => {
    const text = 'one two three four five six seven eight nine ten';
    for (const words_per_minute of [60, 140, 300]) {
      const { wav } = await synthesize({ text, words_per_minute });
      expect(wav.seconds).toBeCloseTo((10 * 60) / words_per_minute, 1);
    }
  });

  it('makes real, unclipped sound that starts and ends at silence', async () => {
    for (const waveform of WAVEFORMS) {
      const { wav } = await synthesize({ text: 'Sound check', waveform });
      const peak = Math.max(...wav.samples.map(Math.abs));
      expect(peak, waveform).toBeGreaterThan(0.3 * 32767);
      expect(peak, waveform).toBeLessThan(32767);
      expect(Math.abs(wav.samples[0] as number)).toBeLessThan(200);
      expect(Math.abs(wav.samples.at(-1) as number)).toBeLessThan(200);
    }
  });

  it('never jumps abruptly between samples, even where notes meet', async () => {
    const { wav } = await synthesize({ text: 'aaaa aa a', waveform: 'sine', words_per_minute: 200 });
    let largest = 0;
    for (let i = 1; i < wav.samples.length; i++) {
      largest = Math.max(largest, Math.abs((wav.samples[i] as number) - (wav.samples[i - 1] as number)));
    }
    // A 220 Hz sine at 0.35 moves at most ~720 per sample, two overlapping ones twice that; a note
    // cut off without an envelope would jump by up to 0.35 * 32767, about 11,500.
    expect(largest).toBeLessThan(1500);
  });

  it('is deterministic, and the waveform changes the sound', async () => {
    const a = await synthesize({ text: 'same text', waveform: 'square' });
    const b = await synthesize({ text: 'same text', waveform: 'square' });
    const c = await synthesize({ text: 'same text', waveform: 'sawtooth' });
    expect(a.file.bytes).toEqual(b.file.bytes);
    expect(a.file.bytes).not.toEqual(c.file.bytes);
  });

  it('plays letters as notes in alphabet order and punctuation as rests', () => {
    const { notes, duration } = composeMelody('az, A!', 120);
    expect(duration).toBe(1);
    expect(notes).toHaveLength(3);
    const [a, z, capital] = notes;
    expect(a?.frequency).toBeCloseTo(220);
    expect(z?.frequency).toBeGreaterThan(4 * 220);
    expect(capital?.frequency).toBeCloseTo(220);
    expect(capital?.gain).toBeGreaterThan(a?.gain ?? 1);
    expect(capital?.start).toBe(0.5);
  });

  it('returns a short silent file for text with no letters', async () => {
    const { wav, logs } = await synthesize({ text: '... !!!' });
    expect(logs[0]).toMatch(/silent/);
    expect(wav.samples.every((s) => s === 0)).toBe(true);
    expect(SAMPLE_RATE).toBe(wav.sampleRate);
  });
});
