import type { ReactNode } from 'react';
import { isSafeHref } from '../PredictionOutput/isSafeUrl';

// Inline syntax, one alternative per construct. Text never becomes HTML: every match becomes a React element.
const INLINE =
  /\\([\\`*_{}[\]()#+\-.!~>|])|`([^`\n]+)`|\[([^\]\n]+)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+"[^"]*")?\s*\)|(\*\*|__)(?=\S)(.+?\S)\5|~~(?=\S)(.+?\S)~~|(?<![\w*])(\*|_)(?=\S)(.+?\S)\8(?![\w*])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/**
 * Markdown's inline syntax (code, links, emphasis, bare URLs) as React nodes; `key` prefixes their
 * keys. A link renders only where its URL is safe (`isSafeHref`), else its text alone; within a
 * link's text (`inLink`), none does.
 */
export function inlineMarkdown(text: string, key: string, inLink = false): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}.${n++}`;
    const [, escaped, code, label, href, , strong, strike, , em, bare] = m;
    if (escaped) out.push(escaped);
    else if (code) out.push(<code key={k}>{code}</code>);
    else if (label && href) {
      // A link's text makes no link of its own (a URL as its text, a link in it): links do not nest.
      const inner = inlineMarkdown(label, k, true);
      out.push(
        !inLink && isSafeHref(href) ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inner}
          </a>
        ) : (
          <span key={k}>{inner}</span>
        ),
      );
    } else if (strong) out.push(<strong key={k}>{inlineMarkdown(strong, k, inLink)}</strong>);
    else if (strike) out.push(<del key={k}>{inlineMarkdown(strike, k, inLink)}</del>);
    else if (em) out.push(<em key={k}>{inlineMarkdown(em, k, inLink)}</em>);
    else if (bare) {
      out.push(
        !inLink && isSafeHref(bare) ? (
          <a key={k} href={bare} target="_blank" rel="noopener noreferrer nofollow">
            {bare}
          </a>
        ) : (
          bare
        ),
      );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
