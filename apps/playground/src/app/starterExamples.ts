/**
 * Saved inputs for the local server's demo models, as a hosted model's page offers its default
 * example: something to run at once, and a start to change. A model's own examples (its schema's
 * `examples`) come first; these are used where a model has none.
 */
/** A 48×48 sunset, drawn for these examples: an image to filter that needs no upload and no network. */
const SUNSET =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAABSklEQVR42s3OUUeDcRiG8ftDPN8iIiKmiIiIphSRYpQUo6TyqpmVV82svGpm1ayatc2qmcqIiCgREREREREREZ3UwU6i6H3+O7n5HV8ufE57qeDD6qKC95keKngL9FLBa7CPCl5CA1TwPO+jgid7kAoeF4ap4CE8SgX3ET8V3EXHqOB2eYIKbpwpKrhesajgKjZLBZfxIBWcJ+ao4GzdpoLT5CIVnKQiVHC8tVSNr4vG36oJopx2zPy58pNZFoeZVQP/3lQYlFHKxg24HDIoYz+/puXypkIbR6GQ1FINaePI7W1qqYa0cWSKaS3VkDaO7dKOlmpIG0fqIK+lGtLGsXG0q6Ua0saRKBcNuLwxKENq+qlAan1UIHVDVCD1I1QgDX4qEM84FUjTJBVIs0UF0hKgAmkNUYG02VQg7WEqkI4oFUinQwXSHaPyDaxW8Z4knFXtAAAAAElFTkSuQmCC';

export const STARTER_EXAMPLES: Record<string, { label: string; input: Record<string, unknown> }[]> = {
  'predictkit/text-generator': [
    { label: 'A story opening', input: { prompt: 'Alice was beginning to get very tired', max_tokens: 80 } },
    {
      label: 'A poem',
      input: { prompt: 'The autumn wind over the harbour', max_tokens: 60, temperature: 1.2 },
    },
  ],
  'predictkit/image-generator': [
    {
      label: 'Aurora at dusk',
      input: { prompt: 'a violet aurora over a dark sea', style: 'aurora', seed: 7 },
    },
    { label: 'Pastel mosaic', input: { prompt: 'pastel forest mosaic', style: 'mosaic', seed: 42 } },
    { label: 'Neon waves', input: { prompt: 'neon sunset waves', style: 'waves', width: 768, height: 512 } },
  ],
  'predictkit/sentiment': [
    { label: 'Delighted', input: { text: 'What a wonderful, delightful day' } },
    { label: 'Disappointed', input: { text: 'The service was slow and the food was cold.' } },
    { label: 'Neutral', input: { text: 'The train leaves at nine.' } },
  ],
  'predictkit/echo': [{ label: 'Hello', input: { text: 'Hello, PredictKit!' } }],
  'predictkit/image-filter': [
    { label: 'Sepia sunset', input: { image: SUNSET, filter: 'sepia' } },
    { label: 'Pixelated sunset', input: { image: SUNSET, filter: 'pixelate', strength: 0.6 } },
  ],
  'predictkit/tone-synth': [
    { label: 'Soft melody', input: { text: 'twinkle twinkle little star', waveform: 'sine' } },
    {
      label: 'Bright and fast',
      input: { text: 'a quick brown fox', waveform: 'sawtooth', words_per_minute: 220 },
    },
  ],
  'predictkit/slow-task': [
    { label: 'Ten seconds', input: { duration_s: 10, steps: 10 } },
    { label: 'Fails halfway', input: { duration_s: 6, steps: 6, fail_at_step: 3 } },
  ],
  'predictkit/unreliable': [
    { label: 'Usually works', input: { failure_rate: 0.2 } },
    { label: 'Always fails', input: { failure_rate: 1 } },
  ],
};
