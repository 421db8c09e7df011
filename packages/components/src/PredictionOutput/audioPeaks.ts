/** The part of an `AudioBuffer` that peaks are read from. */
export interface AudioSamples {
  readonly numberOfChannels: number;
  readonly length: number;
  getChannelData(channel: number): Float32Array;
}

/**
 * The loudest sample of each of `bars` equal stretches of the audio, over all channels, scaled so the
 * loudest stretch is 1: a quiet recording still draws a waveform that fills its box.
 */
export function audioPeaks(audio: AudioSamples, bars: number): number[] {
  if (!Number.isInteger(bars) || bars < 1) {
    throw new RangeError(`audioPeaks: \`bars\` must be a whole number ≥ 1, got ${bars}.`);
  }
  const peaks = new Array<number>(bars).fill(0);
  const per = audio.length / bars;
  for (let channel = 0; channel < audio.numberOfChannels; channel++) {
    const data = audio.getChannelData(channel);
    for (let i = 0; i < data.length; i++) {
      const bar = Math.min(bars - 1, Math.floor(i / per));
      const v = Math.abs(data[i] as number);
      if (v > (peaks[bar] as number)) peaks[bar] = v;
    }
  }
  const max = Math.max(...peaks);
  return max > 0 ? peaks.map((p) => p / max) : peaks;
}
