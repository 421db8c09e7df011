/** `+`, `*` or `{n,}` at `i`: a repetition without an upper bound. */
const unbounded = (pattern: string, i: number) =>
  pattern[i] === '+' || pattern[i] === '*' || /^\{\d+,\}/.test(pattern.slice(i));

/**
 * Whether `pattern` repeats, without bound, a group that itself repeats without bound (`(a+)+`,
 * `(\d*x)*`): the shape that takes a backtracking engine exponential time on a near miss, so that
 * a schema's pattern could freeze a form, or the one thread of a server, on a 30-character input.
 * Escapes and character classes are skipped; other slow shapes (`(a|a)*`) are not caught.
 */
export function nestedQuantifier(pattern: string): boolean {
  // For each open group, whether it holds an unbounded repetition so far.
  const open: boolean[] = [];
  let inner = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      open.push(inner);
      inner = false;
    } else if (c === ')') {
      if (inner && unbounded(pattern, i + 1)) return true;
      // The group's repetitions count in the group around it.
      inner = (open.pop() ?? false) || inner || unbounded(pattern, i + 1);
    } else if (unbounded(pattern, i)) inner = true;
  }
  return false;
}
