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

interface Branch {
  /** An atom repeated many times, or a group holding one. */
  loose: boolean;
  /** An atom matched a fixed number of times (at least once), which each repetition must hold. */
  anchor: boolean;
  /** A `.` repeated many times, or a group holding one: it matches any anchor too, so holds none apart. */
  wild: boolean;
}

interface Group {
  branch: Branch;
  /** Some branch repeats without an anchor: repeating the group splits text many ways. */
  loose: boolean;
  /** Every branch has an anchor. */
  anchored: boolean;
  /** Somewhere inside, an atom is repeated many times. */
  repeats: boolean;
  /** A lookaround: it matches no text. */
  zeroWidth: boolean;
  /** Somewhere inside, a `.` is repeated many times. */
  wild: boolean;
}

const branch = (): Branch => ({ loose: false, anchor: false, wild: false });

const open = (zeroWidth = false): Group => ({
  branch: branch(),
  loose: false,
  anchored: true,
  repeats: false,
  zeroWidth,
  wild: false,
});

const endBranch = (group: Group) => {
  const { loose, anchor, wild } = group.branch;
  group.loose ||= loose && (!anchor || wild);
  group.anchored &&= anchor;
  group.wild ||= wild;
  group.branch = branch();
};

/** What may follow `(`: a lookaround's `?=` `?!` `?<=` `?<!`, `?:`, a name (`?<id>`), or flags (`?i:`). */
const GROUP_HEAD = /^\(\?(<?[=!]|:|<[^>=!]*>|[ims-]+:)/;

/**
 * Whether `pattern` repeats many times a group whose body is only repetition (`(a+)+`,
 * `(?:\w+\s?)*`, `(a+){1,30}`), or whose fixed part a repeated `.` also matches (`(.*,)*`,
 * `(.*a){12}`): such a body lets a backtracking engine split a near miss among the turns in
 * exponentially (or, for `{12}`, polynomially) many ways, so a schema's pattern could freeze a form,
 * or the one thread of a server, on a 30-character input. A body with a fixed part the repetition
 * cannot match (`(-[a-z0-9]+)*`, `([\w-]+\.)+`) splits one way only and passes. Escapes, classes,
 * named and non-capturing groups and lookarounds are read; other slow shapes (`(a|aa)+`, overlapping
 * alternatives, a class overlapping the fixed part: `([^,]*a)*`) are not caught.
 */
export function nestedQuantifier(pattern: string): boolean {
  const stack: Group[] = [open()];
  for (let i = 0; i < pattern.length; i++) {
    const group = stack.at(-1)!;
    const c = pattern[i];
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
    if (c === ')') {
      inner = stack.pop()!;
      endBranch(inner);
      if (!stack.length) return false;
      zeroWidth = inner.zeroWidth;
    } else if (c === '\\') {
      zeroWidth = pattern[i + 1] === 'b' || pattern[i + 1] === 'B';
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    }
    const parent = stack.at(-1)!;
    const q = quantifier(pattern, i + 1);
    if (q) i += q.length;
    if (zeroWidth) continue;
    const many = (q?.max ?? 1) >= MANY;
    if (inner && many && inner.loose) return true;
    if (many || inner?.repeats) {
      parent.branch.loose = true;
      parent.repeats = true;
    }
    if ((many && c === '.') || inner?.wild) parent.branch.wild = true;
    // Matched a fixed number of times, at least once: a plain atom, or a group anchored throughout.
    if ((q ? q.min === q.max && q.min > 0 : true) && (!inner || inner.anchored)) parent.branch.anchor = true;
  }
  return false;
}
