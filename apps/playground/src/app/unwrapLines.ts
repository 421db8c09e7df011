/**
 * Markdown as it is written in a source file, hard-wrapped at 110 columns: a line break inside a
 * paragraph is a space, as Markdown means it, while lists, headings, quotes, code and blank lines
 * keep their own lines.
 */
export function unwrapLines(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let fenced = false;
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (/^\s*```/.test(line)) fenced = !fenced;
    const joins =
      !fenced &&
      previous !== undefined &&
      previous.trim() !== '' &&
      !/^\s*```/.test(previous) &&
      line.trim() !== '' &&
      !/^\s*([-*+]\s|\d+[.)]\s|#|>|```|\|)/.test(line) &&
      !/^\s*#/.test(previous) &&
      !/^\s*\|/.test(previous);
    if (joins) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}
