/** The quantifier at `i`, if any: its length and bounds (`max` Infinity when unbounded). */
function quantifier(pattern: string, i: number): { length: number; min: number; max: number } | undefined {
  const c = pattern[i];
  let q: { length: number; min: number; max: number } | undefined;
  if (c === '*') q = { length: 1, min: 0, max: Number.POSITIVE_INFINITY };
  else if (c === '+') q = { length: 1, min: 1, max: Number.POSITIVE_INFINITY };
  else if (c === '?') q = { length: 1, min: 0, max: 1 };
  else {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!braces) return undefined;
    const min = Number(braces[1]);
    const max = braces[2] ? (braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY) : min;
    q = { length: braces[0].length, min, max };
  }
  // A lazy or possessive mark changes nothing here.
  if (pattern[i + q.length] === '?') q.length++;
  return q;
}

/** Repeated often enough for a split of the text among its repetitions to be chosen many ways. */
const MANY = 10;

/** Which characters an atom matches. */
type Matcher = (c: string) => boolean;

/** The characters an overlap is looked for among: printable ASCII and the common whitespace. */
const ALPHABET = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\n', '\r', '\t'];

const unescaped = (e: string) => (e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e);

const CLASS_ESCAPES: Record<string, RegExp> = { d: /\d/, w: /\w/, s: /\s/ };

/** `\d`, `\w`, `\s` and their negations, or the character an escape stands for. */
function escapeMatcher(e: string): Matcher {
  const kind = CLASS_ESCAPES[e.toLowerCase()];
  if (kind) return (c) => kind.test(c) !== (e !== e.toLowerCase());
  const ch = unescaped(e);
  return (c) => c === ch;
}

/** A class's body (between `[` and `]`): its characters, ranges and escapes, maybe negated. */
function classMatcher(body: string): Matcher {
  const negated = body.startsWith('^');
  const parts: Matcher[] = [];
  for (let i = negated ? 1 : 0; i < body.length; i++) {
    let lo = body[i] as string;
    if (lo === '\\') {
      const e = body[++i] ?? '';
      if (CLASS_ESCAPES[e.toLowerCase()]) {
        parts.push(escapeMatcher(e));
        continue;
      }
      lo = unescaped(e);
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let hi = body[i + 2] as string;
      i += 2;
      if (hi === '\\') hi = unescaped(body[++i] ?? '');
      parts.push((c) => c >= lo && c <= hi);
    } else parts.push((c) => c === lo);
  }
  return (c) => parts.some((part) => part(c)) !== negated;
}

interface Branch {
  /** An atom repeated many times, or a group holding one. */
  loose: boolean;
  /** What the atoms repeated many times match, in this branch or in groups it holds. */
  repeated: Matcher[];
  /**
   * Atoms matched a fixed number of times (at least once), which each repetition must hold: what
   * each matches, or `null` for a group (taken to hold apart what it matches).
   */
  anchors: (Matcher | null)[];
}

interface Group {
  branch: Branch;
  /** Some branch repeats without an anchor of its own: repeating the group splits text many ways. */
  loose: boolean;
  /** Every branch has an anchor. */
  anchored: boolean;
  /** Somewhere inside, an atom is repeated many times. */
  repeats: boolean;
  /** A lookaround: it matches no text. */
  zeroWidth: boolean;
  /** What every atom inside matches, and what those repeated many times do. */
  atoms: Matcher[];
  repeated: Matcher[];
}

const branch = (): Branch => ({ loose: false, repeated: [], anchors: [] });

const open = (zeroWidth = false): Group => ({
  branch: branch(),
  loose: false,
  anchored: true,
  repeats: false,
  zeroWidth,
  atoms: [],
  repeated: [],
});

const endBranch = (group: Group) => {
  const { loose, repeated, anchors } = group.branch;
  // An anchor holds the repetitions apart only when no repeated atom can match what it matches:
  // `(\d+,)*` splits one way, `(.*,)*` and `([\d-]*\d){7,}` many.
  const own = anchors.some(
    (anchor) => !anchor || ALPHABET.every((c) => !anchor(c) || !repeated.some((m) => m(c))),
  );
  group.loose ||= loose && !own;
  group.anchored &&= anchors.length > 0;
  group.repeated.push(...repeated);
  group.branch = branch();
};

/** What may follow `(`: a lookaround's `?=` `?!` `?<=` `?<!`, `?:`, a name (`?<id>`), or flags (`?i:`). */
const GROUP_HEAD = /^\(\?(<?[=!]|:|<[^>=!]*>|[ims-]+:)/;

/**
 * Whether `pattern` repeats many times a group whose body is only repetition (`(a+)+`,
 * `(?:\w+\s?)*`, `(a+){1,30}`), or whose fixed part its repetition can match too (`(.*,)*`,
 * `(.*a){12}`, `(?:[\w.-]+\.)+`): such a body lets a backtracking engine split a near miss among
 * the turns in exponentially (or, for `{12}`, polynomially) many ways, so a schema's pattern could
 * freeze a form, or the one thread of a server, on a 30-character input. A body with a fixed part
 * the repetition cannot match (`(-[a-z0-9]+)*`, `([\w-]+\.)+`, `(.*\n){0,20}`) splits one way only
 * and passes. Escapes, classes, named and non-capturing groups and lookarounds are read; other slow
 * shapes (`(a|aa)+`, overlapping alternatives, fewer than 10 turns: `(.*,){9}`) are not caught.
 */
export function nestedQuantifier(pattern: string): boolean {
  const stack: Group[] = [open()];
  for (let i = 0; i < pattern.length; i++) {
    const group = stack.at(-1)!;
    const c = pattern[i] as string;
    if (c === '|') {
      endBranch(group);
      continue;
    }
    if (c === '(') {
      const head = GROUP_HEAD.exec(pattern.slice(i))?.[1];
      stack.push(open(/^<?[=!]$/.test(head ?? '')));
      // the head is no atom the group must match
      if (head) i += head.length + 1;
      continue;
    }
    // The atom at `i`, and what it is: a group just closed, or one character, escape or class.
    let inner: Group | undefined;
    let zeroWidth = c === '^' || c === '$';
    let atom: Matcher = (x) => x === c;
    if (c === ')') {
      inner = stack.pop()!;
      endBranch(inner);
      if (!stack.length) return false;
      zeroWidth = inner.zeroWidth;
    } else if (c === '\\') {
      const e = pattern[++i] ?? '';
      zeroWidth = e === 'b' || e === 'B';
      atom = escapeMatcher(e);
    } else if (c === '[') {
      const from = i + 1;
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      atom = classMatcher(pattern.slice(from, i));
    } else if (c === '.') atom = (x) => x !== '\n' && x !== '\r';
    const parent = stack.at(-1)!;
    const q = quantifier(pattern, i + 1);
    if (q) i += q.length;
    if (zeroWidth) continue;
    const atoms = inner ? inner.atoms : [atom];
    parent.atoms.push(...atoms);
    const many = (q?.max ?? 1) >= MANY;
    if (inner && many && inner.loose) return true;
    if (many || inner?.repeats) {
      parent.branch.loose = true;
      parent.repeats = true;
      // repeated many times, a group's every atom is; else only those repeated inside it
      parent.branch.repeated.push(...(many ? atoms : (inner as Group).repeated));
    }
    // Matched a fixed number of times, at least once: a plain atom, or a group anchored throughout.
    if ((q ? q.min === q.max && q.min > 0 : true) && (!inner || inner.anchored)) {
      parent.branch.anchors.push(inner ? null : atom);
    }
  }
  return false;
}
