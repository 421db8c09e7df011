import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

afterEach(cleanup);

const html = (text: string) => render(<Markdown text={text} />).container.firstElementChild?.innerHTML;

/** The blocks in order, whether or not inside a part that is done. */
const blocks = (root: Element) =>
  [...root.children].flatMap((child) =>
    child.matches('[data-slot="markdown-part"]') ? [...child.children] : [child],
  );

describe('Markdown', () => {
  it('renders headings, paragraphs with kept line breaks, emphasis, strikethrough and code', () => {
    expect(html('# Title\n\nSome **bold**, *it*, _it_, ~~gone~~ and `code`.\nNext line')).toBe(
      '<h1>Title</h1><p>Some <strong>bold</strong>, <em>it</em>, <em>it</em>, <del>gone</del> and <code>code</code>.<br>Next line</p>',
    );
  });

  it('leaves snake_case words alone and honours escapes', () => {
    expect(html('use max_new_tokens and \\*stars\\*')).toBe('<p>use max_new_tokens and *stars*</p>');
  });

  it('renders lists, nested and ordered, quotes, rules and fenced code', () => {
    expect(html('- a\n- b\n  - c\n\n3. x\n4. y')).toBe(
      '<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><ol start="3"><li>x</li><li>y</li></ol>',
    );
    expect(html('> quoted *text*\n\n---')).toBe('<blockquote><p>quoted <em>text</em></p></blockquote><hr>');
    expect(html('```js\nconst a = "<b>";\n```')).toBe(
      '<pre><code data-language="js">const a = "&lt;b&gt;";</code></pre>',
    );
  });

  it('runs an unclosed fence to the end, as a stream would leave it', () => {
    expect(html('```\nstill typing')).toBe('<pre><code>still typing</code></pre>');
  });

  it('links only safe URLs, opening them safely; other links become text', () => {
    render(
      <Markdown
        text={
          '[ok](https://x.test) [mail](mailto:a@x.test) [bad](javascript:alert(1)) [data](data:text/html,x) https://bare.test.'
        }
      />,
    );
    const ok = screen.getByRole('link', { name: 'ok' });
    expect(ok).toHaveAttribute('href', 'https://x.test');
    expect(ok).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.getByRole('link', { name: 'mail' })).toHaveAttribute('href', 'mailto:a@x.test');
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull();
    expect(screen.getByText('bad').nextSibling?.textContent).toBe(' ');
    expect(screen.queryByRole('link', { name: 'data' })).toBeNull();
    expect(screen.getByRole('link', { name: 'https://bare.test' })).toBeInTheDocument();
  });

  it('makes no link inside a link’s text: a URL as its text, or in its emphasis', () => {
    const { container } = render(
      <Markdown
        text={'See [https://x.test/docs](https://x.test/docs) and [**at https://y.test**](https://out.test).'}
      />,
    );
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      'https://x.test/docs',
      'https://out.test',
    ]);
    expect(container.querySelector('a a')).toBeNull();
  });

  it('links a bare URL only when it is safe', () => {
    render(<Markdown text={'https://trusted.example@evil.example/x and https://x.test/a\\b'} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText(/trusted/)).toHaveTextContent(
      'https://trusted.example@evil.example/x and https://x.test/a\\b',
    );
  });

  it('never turns raw HTML into elements', () => {
    const { container } = render(
      <Markdown text={'<img src=x onerror=alert(1)> <script>alert(1)</script>'} />,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)> <script>alert(1)</script>');
  });

  it('parses a text streamed in chunks as it parses the whole, and keeps the blocks that are done', () => {
    const pieces = [
      '# Title\r\n\r\nA paragraph with **bold** words,\nand a kept line break.',
      '- one\n- two\n  - nested\n\n\n1. first\n2. second',
      '> a quote\n> that goes on\n\n---',
      '```js\nconst a = 1;\n\n\nconst b = 2;\n```',
      '### Small heading #\n\nText with a [link](https://x.test) and `code`.',
      '***\n\nAfter a rule. ~~gone~~ _it_',
    ];
    const text = Array.from({ length: 400 }, (_, i) => pieces[i % pieces.length]).join('\n\n');
    const whole = blocks(render(<Markdown text={text} />).container.firstElementChild as Element).map(
      (block) => block.outerHTML,
    );
    cleanup();
    const { container, rerender } = render(<Markdown text="" />);
    const root = container.firstElementChild as Element;
    let kept: Element | undefined;
    for (let at = 0; at < text.length; at += 97) {
      rerender(<Markdown text={text.slice(0, at + 97)} />);
      kept ??= root.querySelector('[data-slot="markdown-part"] > *') ?? undefined;
    }
    expect(root.querySelectorAll('[data-slot="markdown-part"]').length).toBeGreaterThan(3);
    expect(blocks(root).map((block) => block.outerHTML)).toEqual(whole);
    expect(kept && root.contains(kept)).toBe(true);
  });

  it("ends a finished part only before a block whose top margin is at least a paragraph's", () => {
    const text = `${'Some words in a paragraph.\n\n---\n\n> a quote\n\n- a list\n\n'.repeat(200)}The end`;
    const { container } = render(<Markdown text={text} />);
    const parts = [...container.querySelectorAll('[data-slot="markdown-part"]')];
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part.lastElementChild?.tagName).toMatch(/^(P|PRE|HR|H[1-6])$/);
      expect(
        part.nextElementSibling?.firstElementChild?.tagName ?? part.nextElementSibling?.tagName,
      ).not.toBe('HR');
    }
  });

  it('renders a text given as pieces that grow, even cut mid-line or inside a line break, as the whole text', () => {
    const fence = `\`\`\`\n${'let x = 1;\n\n\n'.repeat(500)}\`\`\``;
    const text = [
      '# Start\r\n\r\nFirst paragraph,\r\nwith a break.',
      fence,
      '- a\n- b\n  - c\n\n- after a blank line\n  continued',
      '1. one\n2. two',
      `${'Words and **more words** in a long paragraph. '.repeat(120)}`,
      '> quoted\n> still quoted\n\n***',
    ]
      .join('\n\n')
      .repeat(8);
    const whole = blocks(render(<Markdown text={text} />).container.firstElementChild as Element).map(
      (block) => block.outerHTML,
    );
    cleanup();
    // Pieces of changing sizes, so they end anywhere: mid-word, mid-line, between \r and \n.
    const pieces: string[] = [];
    const { container, rerender } = render(<Markdown text={pieces} />);
    const root = container.firstElementChild as Element;
    let cutInBreak = false;
    for (let at = 0, size = 1; at < text.length; at += size, size = (size * 7) % 601 || 1) {
      pieces.push(text.slice(at, at + size));
      cutInBreak ||= text[at + size - 1] === '\r' && text[at + size] === '\n';
      rerender(<Markdown text={[...pieces]} />);
    }
    expect(cutInBreak).toBe(true);
    expect(root.querySelectorAll('[data-slot="markdown-part"]').length).toBeGreaterThan(3);
    expect(blocks(root).map((block) => block.outerHTML)).toEqual(whole);
    // A fence whose blank lines are code is never cut into parts.
    for (const pre of root.querySelectorAll('pre')) expect(pre.textContent).toBe(fence.slice(4, -4));
  });

  it('starts over when the text does not grow at its end', () => {
    const first = `${'One paragraph of words.\n\n'.repeat(400)}Last`;
    const { container, rerender } = render(<Markdown text={[first]} />);
    expect(container.querySelectorAll('[data-slot="markdown-part"]').length).toBeGreaterThan(0);
    rerender(<Markdown text={['# Another text\n\nShort']} />);
    expect(container.firstElementChild?.innerHTML).toBe('<h1>Another text</h1><p>Short</p>');
    rerender(<Markdown text={'# Another text\n\nShort, and longer'} />);
    expect(container.firstElementChild?.innerHTML).toBe('<h1>Another text</h1><p>Short, and longer</p>');
  });
});
