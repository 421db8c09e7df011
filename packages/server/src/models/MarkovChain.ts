import type { Random } from './random';

/** Shares of the trigram, bigram and unigram estimates in the interpolated next-token distribution. */
const WEIGHTS = { trigram: 0.8, bigram: 0.17, unigram: 0.03 };

const WORD = /^[\p{L}\p{N}]/u;
const SENTENCE_END = new Set(['.', '!', '?']);

/**
 * A word-level language model: an order-2 Markov chain interpolated with order-1 and unigram
 * estimates (Jelinek-Mercer smoothing), so it continues any context, even an unseen one. Tokens are
 * words with their leading space, or punctuation without one, so generated tokens concatenate into
 * readable text. Contexts match case-insensitively; tokens keep the case they had in the text.
 */
export class MarkovChain {
  /** Every distinct token, as written (" Alice", ","), indexed by token id. */
  readonly vocabulary: readonly string[];
  /** How many tokens the training text had. */
  readonly size: number;
  private readonly keyOfToken: Int32Array;
  private readonly keyIds: Map<string, number>;
  private readonly unigrams: Float64Array;
  private readonly bigrams: Map<number, Map<number, number>>;
  private readonly trigrams: Map<number, Map<number, number>>;
  private readonly punctuation: Uint8Array;
  private readonly punctuationKeys = new Set<number>();
  private readonly sentenceEndKeys = new Set<number>();

  constructor(text: string) {
    const tokenIds = new Map<string, number>();
    const vocabulary: string[] = [];
    const keyOfToken: number[] = [];
    this.keyIds = new Map();
    const sequence: number[] = [];
    for (const token of tokenize(text)) {
      let id = tokenIds.get(token);
      if (id === undefined) {
        id = vocabulary.length;
        tokenIds.set(token, id);
        vocabulary.push(token);
        const key = keyOf(token);
        let keyId = this.keyIds.get(key);
        if (keyId === undefined) {
          keyId = this.keyIds.size;
          this.keyIds.set(key, keyId);
        }
        keyOfToken.push(keyId);
        if (!WORD.test(key)) this.punctuationKeys.add(keyId);
        if (SENTENCE_END.has(key)) this.sentenceEndKeys.add(keyId);
      }
      sequence.push(id);
    }
    if (sequence.length < 3) throw new Error('MarkovChain needs a training text of at least three tokens');
    this.vocabulary = vocabulary;
    this.size = sequence.length;
    this.keyOfToken = Int32Array.from(keyOfToken);
    this.punctuation = Uint8Array.from(vocabulary, (token) => (WORD.test(token.trim()) ? 0 : 1));
    this.unigrams = new Float64Array(vocabulary.length);
    this.bigrams = new Map();
    this.trigrams = new Map();
    const keys = this.keyIds.size;
    for (let i = 0; i < sequence.length; i++) {
      const id = sequence[i] as number;
      this.unigrams[id] = (this.unigrams[id] as number) + 1;
      if (i >= 1) count(this.bigrams, this.keyOfToken[sequence[i - 1] as number] as number, id);
      if (i >= 2) {
        const context =
          (this.keyOfToken[sequence[i - 2] as number] as number) * keys +
          (this.keyOfToken[sequence[i - 1] as number] as number);
        count(this.trigrams, context, id);
      }
    }
  }

  /**
   * The context the chain continues from after `text`: the key ids of its last two tokens that the
   * chain knows. Unknown words are skipped; with no known word at all the context is a sentence end,
   * so generation starts a fresh sentence.
   */
  contextOf(text: string): number[] {
    const known = tokenize(text)
      .map((token) => this.keyIds.get(keyOf(token)))
      .filter((id) => id !== undefined);
    if (known.length === 0) return [this.keyIds.get('.') ?? 0];
    return known.slice(-2);
  }

  /** Whether the context (from `contextOf` or `advance`) ends a sentence, so the next word is capitalized. */
  endsSentence(context: readonly number[]): boolean {
    const last = context.at(-1);
    return last !== undefined && this.sentenceEndKeys.has(last);
  }

  /** The context after `tokenId` is appended. */
  advance(context: readonly number[], tokenId: number): number[] {
    return [...context.slice(-1), this.keyOfToken[tokenId] as number];
  }

  /**
   * Picks the next token id. Temperature 0 takes the most likely token (the lowest id on a tie);
   * higher temperatures raise each probability to 1/T, flattening the distribution. Punctuation never
   * follows punctuation.
   */
  sample(context: readonly number[], temperature: number, random: Random): number {
    const probabilities = this.distribution(context);
    const last = context.at(-1);
    if (last !== undefined && this.punctuationKeys.has(last))
      for (let i = 0; i < probabilities.length; i++) if (this.punctuation[i]) probabilities[i] = 0;
    let best = 0;
    for (let i = 1; i < probabilities.length; i++) {
      if ((probabilities[i] as number) > (probabilities[best] as number)) best = i;
    }
    if (temperature <= 0) return best;
    const peak = probabilities[best] as number;
    let total = 0;
    for (let i = 0; i < probabilities.length; i++) {
      const p = probabilities[i] as number;
      // Scaling by the peak first keeps p^(1/T) from underflowing to 0 at low temperatures.
      const weight = p > 0 ? (p / peak) ** (1 / temperature) : 0;
      probabilities[i] = weight;
      total += weight;
    }
    let threshold = random.next() * total;
    for (let i = 0; i < probabilities.length; i++) {
      threshold -= probabilities[i] as number;
      if (threshold < 0) return i;
    }
    return best;
  }

  /** The token as it should be written after `context`: capitalized at the start of a sentence. */
  render(context: readonly number[], tokenId: number): string {
    const token = this.vocabulary[tokenId] as string;
    if (!this.endsSentence(context) || this.punctuation[tokenId]) return token;
    return token.replace(
      /^(\s*)(\p{Ll})/u,
      (_, space: string, letter: string) => space + letter.toUpperCase(),
    );
  }

  private distribution(context: readonly number[]): Float64Array {
    const probabilities = new Float64Array(this.vocabulary.length);
    let used = WEIGHTS.unigram;
    addScaled(probabilities, this.unigrams, WEIGHTS.unigram / this.size);
    const [first, second] = context.length >= 2 ? context : [undefined, context[0]];
    const bigram = second === undefined ? undefined : this.bigrams.get(second);
    if (bigram) {
      used += WEIGHTS.bigram;
      addCounts(probabilities, bigram, WEIGHTS.bigram);
    }
    const trigram =
      first === undefined || second === undefined
        ? undefined
        : this.trigrams.get(first * this.keyIds.size + second);
    if (trigram) {
      used += WEIGHTS.trigram;
      addCounts(probabilities, trigram, WEIGHTS.trigram);
    }
    for (let i = 0; i < probabilities.length; i++) probabilities[i] = (probabilities[i] as number) / used;
    return probabilities;
  }
}

/** Splits text into chain tokens: words keep inner apostrophes and hyphens; dashes read as commas. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [raw] of text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[.,;:!?]|[—–]|--/gu)) {
    const isWord = WORD.test(raw);
    const token = isWord ? ` ${raw.replaceAll('’', "'")}` : /^[—–-]/.test(raw) ? ',' : raw;
    const previous = tokens.at(-1);
    // "late!" (when…" would otherwise give "!" then ","; one mark between two words reads better.
    if (!isWord && previous !== undefined && !WORD.test(previous.trim())) continue;
    if (!isWord && previous === undefined) continue;
    tokens.push(token);
  }
  return tokens;
}

function keyOf(token: string): string {
  return token.trim().toLowerCase();
}

function count(table: Map<number, Map<number, number>>, context: number, id: number): void {
  let row = table.get(context);
  if (row === undefined) {
    row = new Map();
    table.set(context, row);
  }
  row.set(id, (row.get(id) ?? 0) + 1);
}

function addScaled(target: Float64Array, source: Float64Array, scale: number): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] as number) * scale;
}

function addCounts(target: Float64Array, row: Map<number, number>, weight: number): void {
  let total = 0;
  for (const n of row.values()) total += n;
  for (const [id, n] of row) target[id] = (target[id] as number) + (weight * n) / total;
}
