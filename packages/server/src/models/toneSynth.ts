import { category } from './category';
import { createYielder } from './createYielder';
import { cpu } from './hardware';
import type { DemoModel } from './types';
import { encodeWav } from './wav';

export const WAVEFORMS = ['sine', 'square', 'sawtooth', 'triangle'] as const;
export type Waveform = (typeof WAVEFORMS)[number];

type ToneSynthInput = {
  text: string;
  waveform: Waveform;
  words_per_minute: number;
};

export const SAMPLE_RATE = 22050;

/** A major pentatonic scale in semitones: any sequence of its notes sounds consonant. */
const PENTATONIC = [0, 2, 4, 7, 9];
/** Share of each word's time that its notes fill; the rest is the pause between words. */
const WORD_FILL = 0.85;
const ATTACK_S = 0.005;
const RELEASE_S = 0.02;

interface Note {
  start: number;
  duration: number;
  frequency: number;
  gain: number;
}

/**
 * The melody for the text: each word gets 60 / wpm seconds, shared by its characters, so the audio
 * lasts as long as reading the text aloud at that pace would. Letters map to pentatonic notes over
 * three octaves from A3, in alphabet order; digits to the upper two octaves; capitals are accented; other
 * characters are rests.
 */
export function composeMelody(text: string, wordsPerMinute: number): { notes: Note[]; duration: number } {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const wordSeconds = 60 / wordsPerMinute;
  const notes: Note[] = [];
  words.forEach((word, w) => {
    const characters = Array.from(word);
    const slot = (wordSeconds * WORD_FILL) / characters.length;
    characters.forEach((character, c) => {
      const semitone = semitoneOf(character);
      if (semitone === undefined) return;
      notes.push({
        start: w * wordSeconds + c * slot,
        duration: slot,
        frequency: 220 * 2 ** (semitone / 12),
        gain: character !== character.toLowerCase() ? 0.5 : 0.35,
      });
    });
  });
  return { notes, duration: words.length * wordSeconds };
}

function semitoneOf(character: string): number | undefined {
  const lower = character.toLowerCase();
  const code = lower.codePointAt(0) ?? 0;
  let step: number;
  // 26 letters spread over the 15 steps of three pentatonic octaves, keeping alphabet order.
  if (lower >= 'a' && lower <= 'z') step = Math.round(((code - 97) * 14) / 25);
  else if (character >= '0' && character <= '9') step = 5 + (code - 48);
  else if (/\p{L}/u.test(character)) step = code % 15;
  else return undefined;
  return 12 * Math.floor(step / PENTATONIC.length) + (PENTATONIC[step % PENTATONIC.length] as number);
}

/**
 * Band-limited oscillators: square and sawtooth use PolyBLEP, which rounds off their jumps so they do
 * not alias into a harsh buzz at 22 kHz; the triangle's harmonics fall off fast enough to need nothing.
 */
function oscillator(waveform: Waveform, phase: number, increment: number): number {
  switch (waveform) {
    case 'sine':
      return Math.sin(2 * Math.PI * phase);
    case 'sawtooth':
      return 2 * phase - 1 - polyBlep(phase, increment);
    case 'square':
      return square(phase, increment);
    case 'triangle':
      return 1 - 4 * Math.abs(phase - 0.5);
  }
}

function square(phase: number, increment: number): number {
  return (phase < 0.5 ? 1 : -1) + polyBlep(phase, increment) - polyBlep((phase + 0.5) % 1, increment);
}

function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

export const toneSynth: DemoModel = {
  name: 'tone-synth',
  description: 'Turns text into a melody: one note per letter, at the pace of speech, as a WAV file.',
  overview: `Plays your text as music. Every letter becomes a note, every word lasts as long as it would take to
say it at the chosen words per minute, and the result is a WAV file you can play in any browser. Use it to
build and test audio players and audio outputs.

**How it works.** A small synthesizer written in TypeScript. Letters map to notes of a major pentatonic
scale over three octaves (so any text sounds consonant), digits to the upper two octaves, capital letters are
accented, and punctuation is a rest. Each note has a short attack and release envelope so notes join without
clicks; square and sawtooth waves are band-limited (PolyBLEP) so they do not alias. Output is 16-bit PCM,
mono, 22,050 Hz.

**Inputs.**
- \`text\`: the text to play, up to 500 characters.
- \`waveform\`: the oscillator's shape, from the soft sine to the bright sawtooth.
- \`words_per_minute\`: the pace, from 60 (slow) to 300 (very fast); 140 is conversational speech.`,
  categories: [category.audio],
  hardware: cpu,
  created_at: '2026-01-20T10:05:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes:
        'Initial release: pentatonic melodies from text, four band-limited waveforms, 22.05 kHz WAV output.',
      created_at: '2026-01-20T10:05:00.000000Z',
      setupMs: 350,
      input: {
        type: 'object',
        title: 'Input',
        required: ['text'],
        $defs: {
          waveform: {
            type: 'string',
            title: 'waveform',
            description: 'An enumeration.',
            enum: [...WAVEFORMS],
          },
        },
        properties: {
          text: {
            type: 'string',
            title: 'Text',
            description: 'The text to turn into a melody.',
            minLength: 1,
            maxLength: 500,
            'x-order': 0,
          },
          waveform: {
            allOf: [{ $ref: '#/$defs/waveform' }],
            default: 'sine',
            title: 'Waveform',
            description:
              'Shape of the oscillator: sine is soft, square is hollow, sawtooth is bright, triangle is mellow.',
            'x-order': 1,
          },
          words_per_minute: {
            type: 'integer',
            title: 'Words per minute',
            description: 'Pace of the melody; each word lasts 60 / words_per_minute seconds.',
            minimum: 60,
            maximum: 300,
            default: 140,
            'x-order': 2,
          },
        },
      },
      output: { type: 'string', title: 'Output', format: 'uri', contentMediaType: 'audio/wav' },
      async run(ctx) {
        const { text, waveform, words_per_minute } = ctx.input as ToneSynthInput;
        const { notes, duration } = composeMelody(text, words_per_minute);
        if (notes.length === 0) {
          ctx.log('The text has no letters or digits; the audio is silent');
        }
        ctx.log(`Synthesizing ${notes.length} notes, ${duration.toFixed(2)} s of ${waveform} audio`);
        const yieldNow = createYielder(ctx);
        // A short tail lets the last note's release ring out instead of being cut mid-envelope.
        const samples = new Float32Array(Math.max(1, Math.ceil((duration + RELEASE_S) * SAMPLE_RATE)));
        for (const note of notes) {
          const first = Math.round(note.start * SAMPLE_RATE);
          const length = Math.round((note.duration + RELEASE_S) * SAMPLE_RATE);
          const increment = note.frequency / SAMPLE_RATE;
          const sustainEnd = note.duration;
          let phase = 0;
          for (let i = 0; i < length && first + i < samples.length; i++) {
            const t = i / SAMPLE_RATE;
            let envelope = Math.min(1, t / ATTACK_S);
            if (t > sustainEnd) envelope *= Math.max(0, 1 - (t - sustainEnd) / RELEASE_S);
            const value = oscillator(waveform, phase, increment);
            samples[first + i] = (samples[first + i] as number) + value * envelope * note.gain;
            phase = (phase + increment) % 1;
          }
          await yieldNow();
        }
        const wav = encodeWav(samples, SAMPLE_RATE);
        return ctx.saveFile(wav, 'audio/wav');
      },
    },
  ],
};
