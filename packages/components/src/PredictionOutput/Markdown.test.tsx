import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

afterEach(cleanup);

const html = (text: string) => render(<Markdown text={text} />).container.firstElementChild?.innerHTML;

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
});
