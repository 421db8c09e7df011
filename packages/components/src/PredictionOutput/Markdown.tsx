import { createElement, type ReactElement, type ReactNode } from 'react';
import { inlineMarkdown } from '../internal/inlineMarkdown';
import { useStreamed } from './streamed';

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const BLOCK_START = /^\s*(?:#{1,6}\s|```|~~~|>|([-*+]|\d{1,9}[.)])\s)/;

/** Lines with their breaks: a model's single newlines are meant, so they are kept. */
function lines(parts: string[], key: string): ReactNode[] {
  const out: ReactNode[] = [];
  for (const [i, line] of parts.entries()) {
    const k = `${key}l${i}`;
    if (i) out.push(<br key={k} />);
    out.push(...inlineMarkdown(line, k));
  }
  return out;
}

function list(src: string[], start: number, key: string): [ReactNode, number] {
  const first = LIST_ITEM.exec(src[start] as string) as RegExpExecArray;
  const indent = (first[1] as string).length;
  const ordered = /\d/.test(first[2] as string);
  const items: { key: string; content: ReactNode[] }[] = [];
  let i = start;
  while (i < src.length) {
    const line = src[i] as string;
    const m = LIST_ITEM.exec(line);
    if (m && (m[1] as string).length > indent && items.length) {
      const [nested, next] = list(src, i, `${key}n${i}`);
      items[items.length - 1]?.content.push(nested);
      i = next;
    } else if (m && (m[1] as string).length === indent && /\d/.test(m[2] as string) === ordered) {
      items.push({ key: `${key}i${i}`, content: inlineMarkdown(m[3] as string, `${key}i${i}`) });
      i++;
    } else if (!m && line.trim() && /^\s/.test(line) && items.length) {
      items[items.length - 1]?.content.push(' ', ...inlineMarkdown(line.trim(), `${key}c${i}`));
      i++;
    } else break;
  }
  const startAt = ordered ? Number.parseInt(first[2] as string, 10) : undefined;
  const children = items.map((item) => <li key={item.key}>{item.content}</li>);
  return [
    ordered ? (
      <ol key={key} start={startAt === 1 ? undefined : startAt}>
        {children}
      </ol>
    ) : (
      <ul key={key}>{children}</ul>
    ),
    i,
  ];
}

/** The blocks of `src`. `breaks`, when given, gets each blank line between blocks, with the number of blocks before it. */
function blocks(src: string[], key: string, breaks?: [line: number, count: number][]): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < src.length) {
    const line = src[i] as string;
    const k = `${key}${i}`;
    const fenced = /^\s*(```|~~~)\s*([\w+#.-]*)/.exec(line);
    const heading = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!line.trim()) {
      breaks?.push([i, out.length]);
      i++;
    } else if (fenced) {
      const fence = fenced[1] as string;
      const code: string[] = [];
      // An unclosed fence (a stream still running) runs to the end.
      for (i++; i < src.length && !(src[i] as string).trim().startsWith(fence); i++)
        code.push(src[i] as string);
      i++;
      out.push(
        <pre key={k}>
          <code data-language={fenced[2] || undefined}>{code.join('\n')}</code>
        </pre>,
      );
    } else if (heading) {
      out.push(
        createElement(
          `h${(heading[1] as string).length}`,
          { key: k },
          inlineMarkdown(heading[2] as string, k),
        ),
      );
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(<hr key={k} />);
      i++;
    } else if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      for (; i < src.length && /^\s*>/.test(src[i] as string); i++)
        quoted.push((src[i] as string).replace(/^\s*> ?/, ''));
      out.push(<blockquote key={k}>{blocks(quoted, `${k}q`)}</blockquote>);
    } else if (LIST_ITEM.test(line)) {
      const [node, next] = list(src, i, k);
      out.push(node);
      i = next;
    } else {
      const para: string[] = [];
      for (
        ;
        i < src.length && (src[i] as string).trim() && !(para.length && BLOCK_START.test(src[i] as string));
        i++
      ) {
        para.push((src[i] as string).trim());
      }
      out.push(<p key={k}>{lines(para, k)}</p>);
    }
  }
  return out;
}

/** Blocks whose bottom margin is their own (no child's margin runs through it) and at most a paragraph's. */
const ENDS_PART = /^(p|pre|hr|h[1-6])$/;

const LINE_BREAK = /\r\n?|\n/g;
/** How much text after the settled start is parsed again on each render before more of it settles. */
const OPEN = 4096;

/**
 * Markdown rendered to React elements: headings, emphasis, strikethrough, code, fenced code, lists,
 * quotes, rules, and links whose URL is safe. Raw HTML in the text stays text. A text that streams in
 * can be given as its pieces in order: each render then reads only the pieces added since the last.
 */
export function Markdown({ text }: { text: string | readonly string[] }) {
  // A streamed text grows at its end only, and a blank line between blocks ends every block before
  // it: what comes before such a line is parsed once, into a part whose element stays the same (React
  // skips it, and off screen the browser neither lays it out nor paints it). Only the text after it is
  // parsed again on each chunk.
  let open: ReactNode[] = [];
  const [done] = useStreamed([text].flat(), (rest, at) => {
    const breaks: [number, number][] = [];
    open = blocks(rest.split(LINE_BREAK), 'b', breaks);
    const type = (i: number) => String((open[i] as ReactElement | undefined)?.type);
    // A part is a formatting context of its own, so the margin under its last block (dropped by the
    // CSS) cannot collapse with the next block's: it ends only before a block whose top margin is the
    // larger one anyway, which a rule's is not, and whose first line is complete, as a block follows it.
    const cut =
      rest.length > OPEN &&
      breaks.findLast(([, n]) => open[n + 1] && type(n) !== 'hr' && ENDS_PART.test(type(n - 1)));
    if (!cut) return;
    LINE_BREAK.lastIndex = 0;
    for (let i = 0; i <= cut[0]; i++) LINE_BREAK.exec(rest);
    return [
      LINE_BREAK.lastIndex,
      <div key={at} data-slot="markdown-part">
        {open.slice(0, cut[1])}
      </div>,
    ];
  });
  return (
    <div data-slot="markdown">
      {done}
      {open}
    </div>
  );
}
