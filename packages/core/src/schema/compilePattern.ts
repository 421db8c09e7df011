/**
 * Whether a text holds a match of the pattern it was compiled from, as `RegExp.prototype.test`;
 * `undefined` when telling would take more than `MAX_STEPS`.
 */
export type PatternTest = (text: string) => boolean | undefined;

/** Which characters one step of the pattern takes. */
type Matcher = (c: string) => boolean;

/**
 * A zero-width check at a position. A lookahead is its body's program written backwards (`back`),
 * run once from the end of the text to mark every position a match of the body starts at.
 */
type Check = '^' | '$' | 'b' | 'B' | { back: Program; negated: boolean };

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
 * The most states a program may have: a repetition count is written out as copies (`\d{0,100}`
 * is 200 states: a branch and a character each).
 */
const MAX_STATES = 50_000;

/**
 * The most steps (a state followed, a character taken) one text may cost: about a tenth of a
 * second. Past it the text is not judged, as a pattern that cannot be read is not.
 */
const MAX_STEPS = 5_000_000;

/** A feature a backtracking engine alone has (a backreference, a lookbehind, modifiers). */
class Unsupported extends Error {}

/** Thrown when a text has cost `MAX_STEPS`. */
const TOO_SLOW = new Error('over the steps a text may cost');

const LINE_END = /[\n\r\u2028\u2029]/;
const WORD = /\w/;

/** One character class or escape, matched by `RegExp` on one character, each answer kept. */
function native(source: string): Matcher {
  const re = new RegExp(`^(?:${source})$`, 'u');
  const known = new Map<string, boolean>();
  return (c) => {
    let answer = known.get(c);
    if (answer === undefined) {
      answer = re.test(c);
      if (known.size < 4096) known.set(c, answer);
    }
    return answer;
  };
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
      return look ? { check: { back: program(backwards(body)), negated: head[1] === '?!' } } : body;
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

/** `node` read from its end: what matches `x` forwards matches `backwards(x)` on the text reversed. */
function backwards(node: Node): Node {
  if ('seq' in node) return { seq: node.seq.map(backwards).reverse() };
  if ('alt' in node) return { alt: node.alt.map(backwards) };
  if ('repeat' in node) return { ...node, repeat: backwards(node.repeat) };
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

/** What one text's run shares: its lookaheads' answers by position, and the steps left. */
interface Run {
  chars: string[];
  looks: Map<Check, boolean[]>;
  steps: number;
}

/** Whether `check` holds before the character at `at`. */
function holds(check: Check, at: number, run: Run): boolean {
  const { chars } = run;
  if (check === '^') return at === 0;
  if (check === '$') return at === chars.length;
  if (typeof check === 'string') {
    const edge = WORD.test(chars[at - 1] ?? '') !== WORD.test(chars[at] ?? '');
    return check === 'b' ? edge : !edge;
  }
  let starts = run.looks.get(check);
  if (!starts) {
    starts = [];
    run.looks.set(check, starts);
    simulate(check.back, run, starts);
  }
  return (starts[at] ?? false) !== check.negated;
}

/**
 * Runs `prog` on the text, all its paths at once (Thompson's construction), a path starting at
 * every position: each character steps every live state once, so the time grows with the text's
 * length times the program's size, never exponentially. Forwards, until a path is accepted:
 * whether the text holds a match. Backwards (a lookahead's body, read from its end), from the end
 * of the text to its start, marking in `starts` each position where an accepted path ends, which
 * is where a match of the body starts.
 */
function simulate(prog: Program, run: Run, starts?: boolean[]): boolean {
  const { states } = prog;
  const { chars } = run;
  const step = starts ? -1 : 1;
  const seen = new Int32Array(states.length).fill(-1);
  /** Adds `start` and every state it reaches without taking a character, at `at`; true on accept. */
  const follow = (live: number[], start: number, at: number): boolean => {
    const todo = [start];
    while (todo.length) {
      if (--run.steps < 0) throw TOO_SLOW;
      const s = todo.pop()!;
      if (seen[s] === at) continue;
      seen[s] = at;
      const state = states[s]!;
      if ('accept' in state) {
        if (!starts) return true;
        starts[at] = true;
      } else if ('take' in state) live.push(s);
      else if ('branch' in state) todo.push(...state.branch);
      else if (holds(state.check, at, run)) todo.push(state.next);
    }
    return false;
  };
  let live: number[] = [];
  for (let at = starts ? chars.length : 0; ; at += step) {
    if (follow(live, prog.start, at)) return true;
    if (at === (starts ? 0 : chars.length)) return false;
    const c = chars[starts ? at - 1 : at]!;
    const next: number[] = [];
    for (const s of live) {
      const state = states[s] as { take: Matcher; next: number };
      if (state.take(c) && follow(next, state.next, at + step)) return true;
    }
    run.steps -= live.length;
    live = next;
  }
}

/**
 * Compiles a JSON Schema `pattern` (ECMA-262, Unicode) into a test whose time grows with the
 * text's length times the pattern's size, lookaheads included, and never past `MAX_STEPS`: no
 * schema can freeze a form or a server's one thread with a pattern a backtracking engine would
 * take hours over (`(a+)+`, `(a|aa)+`, `(.*,){9}`). Classes and escapes are matched by `RegExp`
 * itself, one character at a time. `null` for a pattern `RegExp` cannot read, or one with what
 * only backtracking does (a backreference, a lookbehind, modifiers), and the test's `undefined`
 * for a text past `MAX_STEPS`: the schema's fault, for which no text can be blamed.
 */
export function compilePattern(pattern: string): PatternTest | null {
  try {
    new RegExp(pattern, 'u');
    const prog = program(parse(pattern));
    return (text) => {
      try {
        return simulate(prog, { chars: Array.from(text), looks: new Map(), steps: MAX_STEPS });
      } catch (error) {
        if (error === TOO_SLOW) return undefined;
        throw error;
      }
    };
  } catch {
    return null;
  }
}
