import { category } from './category';
import { cpu } from './hardware';
import { contrastWords, intensifiers, lexicon, negators } from './sentimentLexicon';
import type { DemoModel } from './types';

type SentimentInput = { text: string };
type Label = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: Label;
  score: number;
  scores: Record<Label, number>;
}

interface Token {
  key: string;
  punctuation: boolean;
  /** Written in capitals ("GREAT"), which reads as emphasis unless the whole text is shouted. */
  shouted: boolean;
  /** A contraction such as "isn't", which negates like "not". */
  negator: boolean;
}

interface Term {
  index: number;
  text: string;
  value: number;
}

const TOKEN_PATTERN =
  /[:;][-']?[)(DPp]|\(:|\p{Extended_Pictographic}\uFE0F?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?,;:]/gu;
/** How many words back a negator or intensifier still applies ("not at all good"). */
const SCOPE = 3;
/** VADER's empirically found factor: "not good" is less negative than "bad" is. */
const NEGATION = -0.74;
/** Logit of the neutral class when the text holds no sentiment at all. */
const NEUTRAL_BIAS = 1.2;

/** Scores the text; exported for tests and for anyone wanting the classifier without a prediction. */
export function analyzeSentiment(text: string): SentimentResult & { terms: Term[] } {
  const tokens = tokenize(text);
  const terms: Term[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const valence = lexicon.get(token.key);
    if (valence === undefined) continue;
    let value = valence;
    let negated = false;
    let start = i;
    for (let distance = 1; distance <= SCOPE && i - distance >= 0; distance++) {
      const before = tokens[i - distance] as Token;
      // Another sentiment word has its own modifiers; they must not count twice.
      if (before.punctuation || contrastWords.has(before.key) || lexicon.has(before.key)) break;
      if (before.negator || negators.has(before.key)) {
        negated = true;
        start = i - distance;
      }
      const scale = intensifiers.get(before.key);
      if (scale !== undefined) {
        value *= 1 + (scale - 1) * (distance === 1 ? 1 : 0.8);
        start = Math.min(start, i - distance);
      }
    }
    if (token.shouted) value *= 1.3;
    if (negated) value *= NEGATION;
    const phrase = tokens
      .slice(start, i + 1)
      .map((t) => t.key)
      .join(' ');
    terms.push({ index: i, text: phrase, value });
  }

  // What follows "but" is what the writer means: "the food was good, but the service was awful".
  const contrast = tokens.findLastIndex((t) => contrastWords.has(t.key));
  if (contrast >= 0) for (const term of terms) term.value *= term.index < contrast ? 0.5 : 1.5;
  const exclamations = Math.min(4, tokens.filter((t) => t.key === '!').length);
  for (const term of terms) term.value *= 1 + 0.08 * exclamations;

  let positive = 0;
  let negative = 0;
  for (const term of terms) {
    if (term.value > 0) positive += term.value;
    else negative -= term.value;
  }
  // tanh saturates long, effusive texts instead of letting probabilities reach exactly 1.
  const p = 6 * Math.tanh(positive / 6);
  const n = 6 * Math.tanh(negative / 6);
  const scores = softmax({
    positive: 1.1 * p,
    neutral: NEUTRAL_BIAS + 0.8 * Math.min(p, n),
    negative: 1.1 * n,
  });
  const label = (Object.keys(scores) as Label[]).reduce((best, key) =>
    scores[key] > scores[best] ? key : best,
  );
  return { label, score: scores[label], scores, terms };
}

function tokenize(text: string): Token[] {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const allCaps =
    letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return Array.from(text.matchAll(TOKEN_PATTERN), ([raw]) => {
    const word = /^[\p{L}\p{N}]/u.test(raw);
    const lower = raw.toLowerCase().replaceAll('’', "'");
    return {
      key: word ? lower.replaceAll("'", '') : raw,
      punctuation: /^[.!?,;:]$/.test(raw),
      shouted: word && !allCaps && raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase(),
      negator: word && lower.endsWith("n't"),
    };
  });
}

function softmax(logits: Record<Label, number>): Record<Label, number> {
  const max = Math.max(logits.positive, logits.neutral, logits.negative);
  const positive = Math.exp(logits.positive - max);
  const neutral = Math.exp(logits.neutral - max);
  const negative = Math.exp(logits.negative - max);
  const sum = positive + neutral + negative;
  return { positive: positive / sum, neutral: neutral / sum, negative: negative / sum };
}

export const sentiment: DemoModel = {
  name: 'sentiment',
  description: 'Classifies English text as positive, neutral or negative, with a probability for each.',
  overview: `Tells whether a piece of English text (a review, a comment, a support message) reads as
**positive**, **neutral** or **negative**, and how sure it is.

**How it works.** A lexicon-based classifier in the tradition of VADER: about four hundred words,
emoticons and emoji carry a valence from −4 to +4. The text is tokenized and each sentiment word is adjusted
by its context: negations within three words flip and soften it ("not good"), intensifiers and diminishers
scale it ("very good", "slightly annoying"), capitals and exclamation marks add emphasis, and after "but"
the rest of the text counts three times as much as what came before. The positive and negative totals, and
a neutral baseline, go through a softmax, so the three scores always sum to 1.

**Inputs.**
- \`text\`: the text to classify, up to 10,000 characters.

**Output.** \`label\` is the most likely class, \`score\` its probability, and \`scores\` has all three.
The logs list the sentiment-bearing words it found, with their final weights.`,
  categories: [category.textClassification],
  hardware: cpu,
  created_at: '2026-01-08T11:20:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes:
        'Initial release: weighted lexicon with negation, intensifiers, emphasis and contrast handling; softmaxed scores.',
      created_at: '2026-01-08T11:20:00.000000Z',
      setupMs: 400,
      input: {
        type: 'object',
        title: 'Input',
        required: ['text'],
        properties: {
          text: {
            type: 'string',
            title: 'Text',
            description: 'English text to classify.',
            minLength: 1,
            maxLength: 10000,
            'x-order': 0,
          },
        },
      },
      output: {
        type: 'object',
        title: 'Output',
        required: ['label', 'score', 'scores'],
        properties: {
          label: {
            type: 'string',
            title: 'Label',
            description: 'The most likely sentiment.',
            enum: ['positive', 'neutral', 'negative'],
          },
          score: {
            type: 'number',
            title: 'Score',
            description: 'Probability of the label.',
            minimum: 0,
            maximum: 1,
          },
          scores: {
            type: 'object',
            title: 'Scores',
            description: 'Probability of each label; they sum to 1.',
            required: ['positive', 'neutral', 'negative'],
            properties: {
              positive: { type: 'number', title: 'Positive', minimum: 0, maximum: 1 },
              neutral: { type: 'number', title: 'Neutral', minimum: 0, maximum: 1 },
              negative: { type: 'number', title: 'Negative', minimum: 0, maximum: 1 },
            },
          },
        },
      },
      async run(ctx) {
        const { text } = ctx.input as SentimentInput;
        const { terms, ...result } = analyzeSentiment(text);
        const found = terms.map(
          (term) => `${term.text} (${term.value > 0 ? '+' : ''}${term.value.toFixed(2)})`,
        );
        ctx.log(found.length > 0 ? `Sentiment terms: ${found.join(', ')}` : 'No sentiment terms found');
        ctx.log(`Label: ${result.label} (${result.score.toFixed(3)})`);
        return result;
      },
    },
  ],
};
