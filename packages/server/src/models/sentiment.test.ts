import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from './sentiment';
import { lexicon } from './sentimentLexicon';
import { runModel } from './testContext';

const label = (text: string) => analyzeSentiment(text).label;
const positive = (text: string) => analyzeSentiment(text).scores.positive;
const negative = (text: string) => analyzeSentiment(text).scores.negative;

describe('sentiment', () => {
  it('has a lexicon of a few hundred weighted words', () => {
    expect(lexicon.size).toBeGreaterThan(300);
    for (const weight of lexicon.values()) expect(Math.abs(weight)).toBeLessThanOrEqual(4);
  });

  it.each([
    ['I absolutely love this product, it is wonderful!', 'positive'],
    ['Great service and a very friendly staff.', 'positive'],
    ['Thanks, that was really helpful 😊', 'positive'],
    ['This is the worst experience I have ever had.', 'negative'],
    ['The app keeps crashing and support was useless.', 'negative'],
    ['I hate waiting in line :(', 'negative'],
    ['The meeting is scheduled for Tuesday at 3 pm.', 'neutral'],
    ['The package contains two cables and a manual.', 'neutral'],
  ])('labels %j as %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('flips and softens negated words', () => {
    expect(label('This is not good.')).toBe('negative');
    expect(label("The movie wasn't bad at all.")).toBe('positive');
    expect(label('I never felt happy there.')).toBe('negative');
    expect(positive('not good')).toBeLessThan(positive('good'));
    expect(negative('not good')).toBeLessThan(negative('bad'));
  });

  it('scales with intensifiers, diminishers, capitals and exclamation marks', () => {
    expect(positive('very good')).toBeGreaterThan(positive('good'));
    expect(negative('slightly annoying')).toBeLessThan(negative('annoying'));
    expect(positive('It was GOOD')).toBeGreaterThan(positive('It was good'));
    expect(positive('good!!!')).toBeGreaterThan(positive('good'));
  });

  it('weighs what follows "but" more', () => {
    expect(label('The food was great but the service was terrible.')).toBe('negative');
    expect(label('The service was terrible but the food was great.')).toBe('positive');
  });

  it('returns probabilities that sum to 1 and a score that is the label’s', async () => {
    const { output, logs } = await runModel('sentiment', {
      text: 'Not bad, but the ending was disappointing.',
    });
    const result = output as {
      label: 'positive' | 'neutral' | 'negative';
      score: number;
      scores: Record<string, number>;
    };
    const { positive: p, neutral: n, negative: m } = result.scores;
    expect((p ?? 0) + (n ?? 0) + (m ?? 0)).toBeCloseTo(1, 12);
    expect(result.score).toBe(result.scores[result.label]);
    expect(result.score).toBe(Math.max(p ?? 0, n ?? 0, m ?? 0));
    expect(logs[0]).toMatch(/^Sentiment terms: not bad \(\+0\.\d+\), disappointing \(-\d\.\d+\)$/);
  });
});
