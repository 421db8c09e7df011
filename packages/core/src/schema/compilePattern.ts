/** Whether a text holds a match of the pattern it was compiled from, as `RegExp.prototype.test`. */
export type PatternTest = (text: string) => boolean;

/** Which characters one step of the pattern takes. */
type Matcher = (c: string) => boolean;

/** A zero-width check at a position: a lookahead is a program of its own, run from there. */
type Check = '^' | '$' | 'b' | 'B' | { look: Program; negated: boolean };

/** One state of the automaton: take a character, branch two ways, check a position, or accept. */
type State =
  | { take: Matcher; next: number }
  | { branch: [number, number] }
  | { check: Check; next: number }
  | { accept: true };

interface Program {
  states: State[];
  start: number;
}

/** The parsed pattern: one character, a check, a sequence, alternatives, a repetition. */
type Node =
  | { take: Matcher }
  | { check: Check }
  | { seq: Node[] }
  | { alt: Node[] }
  | { repeat: Node; min: number; max: number };

/**
 * The most states a program may have: a repetition count is written out as copies
 * (`\d{1,100}` is 100), and each text character steps through them all at most once.
 */
const MAX_STATES = 10_000;

/** A feature a backtracking engine alone has (a backreference, a lookbehind, modifiers). */
class Unsupported extends Error {}

const LINE_END = /[\n\r\u2028\u2029]/;
const WORD = /\w/;

/** One character class or escape, matched by the engine itself on one character. */
function native(source: string): Matcher {
  const re = new RegExp(`^(?:${source})$`, 'u');
  return (c) => re.test(c);
}

/** Reads the pattern from the start into nodes (it was checked by `RegExp` first: it is well formed). */
function parse(pattern: string): Node {
  let i = 0;
  /** The next `length` characters, read. */
  const read = (length: number) => {
    const text = pattern.slice(i, i + length);
    i += length;
    return text;
  };
  const alternatives = (): Node => {
    const alt = [sequence()];
    while (pattern[i] === '|') {
      i++;
      alt.push(sequence());
    }
    return alt.length > 1 ? { alt } : (alt[0] as Node);
  };
  const sequence = (): Node => {
    const seq: Node[] = [];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const node = atom();
      const count = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(i));
      if (!count) {
        seq.push(node);
        continue;
      }
      i += count[0].length;
      const [, sign, min, comma, max] = count;
      seq.push(
        sign
          ? { repeat: node, min: sign === '+' ? 1 : 0, max: sign === '?' ? 1 : Number.POSITIVE_INFINITY }
          : { repeat: node, min: +min!, max: comma ? (max ? +max : Number.POSITIVE_INFINITY) : +min! },
      );
    }
    return { seq };
  };
  const atom = (): Node => {
    const c = pattern[i] as string;
    if (c === '(') {
      const head = /^\((\?:|\?<[^=!>][^>]*>|\?=|\?!)?/.exec(pattern.slice(i))!;
      if (pattern[i + 1] === '?' && !head[1]) throw new Unsupported();
      i += head[0].length;
      const body = alternatives();
      i++; // `)`
      const look = head[1] === '?=' || head[1] === '?!';
      return look ? { check: { look: program(body), negated: head[1] === '?!' } } : body;
    }
    if (c === '^' || c === '$') {
      i++;
      return { check: c };
    }
    if (c === '.') {
      i++;
      return { take: (x) => !LINE_END.test(x) };
    }
    if (c === '[') {
      let end = i + 1;
      while (pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
      return { take: native(read(end + 1 - i)) };
    }
    if (c === '\\') {
      const e = pattern[i + 1] as string;
      if (e === 'b' || e === 'B') {
        i += 2;
        return { check: e };
      }
      if (/[1-9k]/.test(e)) throw new Unsupported();
      // `\u{…}` and `\p{…}` run to their brace, a surrogate pair written `\uD83D\uDE00` is one
      // character; `\uXXXX`, `\xHH` and `\cX` have a fixed length.
      const long = /^\\(?:[upP]\{[^}]*\}|u[dD][89abAB]..\\u[dD][c-fC-F]..)/.exec(pattern.slice(i));
      const length = long?.[0].length ?? ({ u: 6, x: 4, c: 3 } as Record<string, number>)[e] ?? 2;
      return { take: native(read(length)) };
    }
    const literal = read(String.fromCodePoint(pattern.codePointAt(i)!).length);
    return { take: (x) => x === literal };
  };
  const node = alternatives();
  // A `)` with no `(` is refused by `RegExp`; one here is a group head this reader does not know.
  if (i < pattern.length) throw new Unsupported();
  return node;
}

/** Writes `node` as states that lead on to `next`, and gives the first of them. */
function emit(states: State[], node: Node, next: number): number {
  const add = (state: State) => {
    if (states.push(state) > MAX_STATES) throw new Unsupported();
    return states.length - 1;
  };
  if ('take' in node) return add({ take: node.take, next });
  if ('check' in node) return add({ check: node.check, next });
  if ('seq' in node) return node.seq.reduceRight((after, item) => emit(states, item, after), next);
  if ('alt' in node) {
    const starts = node.alt.map((item) => emit(states, item, next));
    return starts.reduceRight((rest, start) => add({ branch: [start, rest] }));
  }
  const { repeat, min, max } = node;
  let start = next;
  if (max === Number.POSITIVE_INFINITY) {
    // A loop: the branch takes the body again or leaves; the body leads back to the branch.
    const loop = add({ branch: [-1, next] });
    (states[loop] as { branch: number[] }).branch[0] = emit(states, repeat, loop);
    start = loop;
  } else {
    // Up to `max - min` more, each one optional: `a{0,2}` is `(a(a)?)?`.
    for (let n = min; n < max; n++) start = add({ branch: [emit(states, repeat, start), next] });
  }
  for (let n = 0; n < min; n++) start = emit(states, repeat, start);
  return start;
}

function program(node: Node): Program {
  const states: State[] = [{ accept: true }];
  return { states, start: emit(states, node, 0) };
}

/**
 * Runs `prog` on `chars` from `from`, all its paths at once (Thompson's construction): each
 * character steps every live state once, so the time grows with the text's length times the
 * program's size, never exponentially. `search` starts a path at every position (a `pattern` is
 * unanchored); else only at `from` (a lookahead). A lookahead's answer at a position is kept in
 * `known`, so each is worked out once per text.
 */
function run(
  prog: Program,
  chars: string[],
  from: number,
  search: boolean,
  known: Map<Check, boolean[]>,
): boolean {
  const { states } = prog;
  const seen = new Int32Array(states.length).fill(-1);
  const holds = (check: Check, at: number): boolean => {
    if (check === '^') return at === 0;
    if (check === '$') return at === chars.length;
    if (typeof check === 'string') {
      const edge = WORD.test(chars[at - 1] ?? '') !== WORD.test(chars[at] ?? '');
      return check === 'b' ? edge : !edge;
    }
    const answers = known.get(check) ?? [];
    known.set(check, answers);
    answers[at] ??= run(check.look, chars, at, false, known);
    return answers[at] !== check.negated;
  };
  /** Adds `start` and every state it reaches without taking a character, at `at`; true on accept. */
  const follow = (live: number[], start: number, at: number): boolean => {
    const todo = [start];
    while (todo.length) {
      const s = todo.pop()!;
      if (seen[s] === at) continue;
      seen[s] = at;
      const state = states[s]!;
      if ('accept' in state) return true;
      if ('take' in state) live.push(s);
      else if ('branch' in state) todo.push(...state.branch);
      else if (holds(state.check, at)) todo.push(state.next);
    }
    return false;
  };
  let live: number[] = [];
  for (let at = from; ; at++) {
    if ((at === from || search) && follow(live, prog.start, at)) return true;
    if (at === chars.length || !live.length) {
      if (!search || at === chars.length) return false;
    }
    const c = chars[at]!;
    const next: number[] = [];
    for (const s of live) {
      const state = states[s] as { take: Matcher; next: number };
      if (state.take(c) && follow(next, state.next, at + 1)) return true;
    }
    live = next;
  }
}

/**
 * Compiles a JSON Schema `pattern` (ECMA-262, Unicode) into a test that takes time linear in the
 * text's length whatever the pattern (quadratic at worst with a lookahead), so that no schema can freeze a form or a server's one thread
 * with a pattern a backtracking engine would take hours over (`(a+)+`, `(a|aa)+`, `(.*,){9}`).
 * Classes and escapes are matched by `RegExp` itself, one character at a time. `null` for a
 * pattern `RegExp` cannot read, or one with what only backtracking does (a backreference, a
 * lookbehind, modifiers): such a pattern is the schema's fault, and no text can be blamed for it.
 */
export function compilePattern(pattern: string): PatternTest | null {
  try {
    new RegExp(pattern, 'u');
    const prog = program(parse(pattern));
    return (text) => run(prog, Array.from(text), 0, true, new Map());
  } catch {
    return null;
  }
}
