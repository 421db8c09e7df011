import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostileUrls, offPageUrls } from '../fixtures/urls';
import { PredictionOutput } from './PredictionOutput';

afterEach(cleanup);

describe('PredictionOutput', () => {
  it('grows a streamed text at its end only, keeping the earlier text nodes as they were', () => {
    const long = 'word '.repeat(1000);
    const { container, rerender } = render(<PredictionOutput output={long} status="started" />);
    const body = container.querySelector('[data-slot="output-text-body"]') as HTMLElement;
    const first = body.firstChild as Node;
    const firstText = first.textContent;
    rerender(<PredictionOutput output={`${long}more words`} status="started" />);
    expect(body.firstChild).toBe(first);
    expect(first.textContent).toBe(firstText);
    expect(firstText?.length).toBeLessThan(long.length);
    expect(body.textContent).toBe(`${long}more words`);
  });

  it('lays a long text out in blocks that end lines, keeping the finished ones as the text grows', () => {
    const line = (i: number) => `${'word '.repeat(20 + (i % 7))}${i}\n`;
    const long = Array.from({ length: 200 }, (_, i) => line(i)).join('');
    const { container, rerender } = render(<PredictionOutput output={long} status="started" />);
    const body = container.querySelector('[data-slot="output-text-body"]') as HTMLElement;
    const blocks = [...body.querySelectorAll('div')];
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) expect(block.textContent?.endsWith('\n')).toBe(true);
    rerender(<PredictionOutput output={`${long}${line(200)}${line(201)}`} status="started" />);
    expect([...body.querySelectorAll('div')].slice(0, blocks.length)).toEqual(blocks);
    expect(body.textContent).toBe(`${long}${line(200)}${line(201)}`);
    expect(body.lastElementChild).toHaveAttribute('data-slot', 'caret');
  });

  it('shows pieces streamed into an array as the one text they join, whatever view their start asks for', () => {
    const schema = {
      type: 'array',
      items: { type: 'string' },
      'x-cog-array-display': 'concatenate',
    } as const;
    const pieces = ['https://x.test/a', ' is a link', ' no more; ', 'a **bold** word\n\n', '- item\n'];
    for (const markdown of [false, true]) {
      const { container, rerender } = render(
        <PredictionOutput output={[]} schema={schema} status="started" />,
      );
      const shown = () => container.querySelector('[data-slot="prediction-output"]') as HTMLElement;
      let output: string[] = [];
      for (const [i, piece] of [...pieces, ...pieces.slice(1).map((p) => p.repeat(300))].entries()) {
        output = [...output, piece];
        rerender(<PredictionOutput output={output} schema={schema} markdown={markdown} status="started" />);
        const view = markdown ? 'markdown' : 'text';
        // A first piece that is one URL is a link, as a plain string that is one is.
        expect(shown()).toHaveAttribute('data-view', i === 0 && !markdown ? 'link' : view);
      }
      const whole = render(
        <PredictionOutput output={output.join('')} markdown={markdown} status="started" />,
      ).container;
      // The same elements, apart from where finished parts and blocks begin and end.
      const html = (root: Element) =>
        root
          .querySelector('[data-slot="output-text"]')
          ?.innerHTML.replace(/<div data-slot="markdown-part">|<\/?div>/g, '');
      expect(html(shown())).toBe(html(whole));
      // Asked for as text, an array is its JSON, however it grew.
      rerender(<PredictionOutput output={output.slice(0, 3)} schema={schema} view="text" />);
      rerender(<PredictionOutput output={output.slice(0, 4)} schema={schema} view="text" />);
      expect(shown().querySelector('[data-slot="output-text-body"]')).toHaveTextContent(
        JSON.stringify(output.slice(0, 4), null, 2).replace(/\s+/g, ' '),
      );
      cleanup();
    }
  });

  it('shows a placeholder while running and "No output" when done', () => {
    const { rerender, container } = render(
      <PredictionOutput prediction={{ status: 'started', output: null }} />,
    );
    expect(screen.getByText('Waiting for output…')).toBeInTheDocument();
    expect(container.firstElementChild).toHaveAttribute('aria-busy', 'true');
    rerender(<PredictionOutput prediction={{ status: 'succeeded', output: null }} />);
    expect(screen.getByText('No output')).toBeInTheDocument();
    // Said even where the app gave a placeholder, which is for what has not come yet.
    rerender(
      <PredictionOutput
        prediction={{ status: 'succeeded', output: null, data_removed: true }}
        placeholder="…"
      />,
    );
    expect(screen.getByText(/^Removed by the service/)).toBeInTheDocument();
  });

  it('shows a caret only while the text streams', () => {
    const { rerender, container } = render(<PredictionOutput output="Hel" status="started" />);
    expect(container.querySelector('[data-slot=caret]')).not.toBeNull();
    rerender(<PredictionOutput output="Hello" status="succeeded" />);
    expect(container.querySelector('[data-slot=caret]')).toBeNull();
  });

  it('copies text', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    render(<PredictionOutput output="copy me" />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('copy me');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('shows JSON as a tree that opens and closes, and pages long arrays', async () => {
    const { container } = render(
      <PredictionOutput output={{ a: { b: { c: 1 } }, list: Array.from({ length: 150 }, (_, i) => i) }} />,
    );
    expect(screen.getByText('"a":')).toBeInTheDocument();
    expect(screen.queryByText('"c":')).toBeNull();
    await userEvent.click(screen.getByText('"b":'));
    expect(screen.getByText('"c":')).toBeInTheDocument();
    // A long branch starts folded.
    expect(container.querySelectorAll('[data-slot=json-value]')).toHaveLength(1);
    await userEvent.click(screen.getByText('"list":'));
    expect(container.querySelectorAll('[data-slot=json-value]').length).toBeLessThan(110);
    await userEvent.click(screen.getByRole('button', { name: 'Show 50 more of 50' }));
    expect(screen.getByText('149')).toBeInTheDocument();
  });

  it('renders unsafe URLs as inert text', () => {
    const { container } = render(<PredictionOutput output="javascript:alert(1)" />);
    expect(container.querySelector('a, img')).toBeNull();
    expect(screen.getByText('javascript:alert(1)').tagName).toBe('CODE');
  });

  describe('never links or loads a hostile URL', () => {
    const uri = { type: 'string', format: 'uri' } as const;
    it.each(hostileUrls)('%s: %j', (_, url) => {
      const outputs = [
        <PredictionOutput key="text" output={url} />,
        <PredictionOutput key="uri" output={url} schema={uri} />,
        <PredictionOutput key="image" output={url} schema={{ ...uri, contentMediaType: 'image/png' }} />,
        <PredictionOutput key="gallery" output={[url, url]} schema={{ type: 'array', items: uri }} />,
        <PredictionOutput key="object" output={{ image: url, files: [url] }} />,
        <PredictionOutput key="link" output={`See [x](${url}) and ![x](${url}).`} markdown />,
        <PredictionOutput key="angle" output={`[x](<${url}>)`} markdown />,
      ];
      const { container } = render(<div>{outputs}</div>);
      expect(offPageUrls(container)).toEqual([]);
      expect(container.querySelector('a[href], img, audio, video')).toBeNull();
    });

    it('while the same outputs on the page itself do become links and images', () => {
      const { container } = render(
        <>
          <PredictionOutput output="/api/predictkit/files/x.png" schema={{ type: 'string', format: 'uri' }} />
          <PredictionOutput output="See [x](files/x.png)." markdown />
        </>,
      );
      expect(container.querySelector('img')).toHaveAttribute('src', '/api/predictkit/files/x.png');
      expect(screen.getByRole('link', { name: 'x' })).toHaveAttribute('href', 'files/x.png');
    });
  });

  it('renders media with download links', () => {
    const { container } = render(
      <PredictionOutput output={['https://x.test/a.wav', 'https://x.test/b.mp4', 'https://x.test/c.zip']} />,
    );
    expect(container.querySelector('audio')).toHaveAttribute('src', 'https://x.test/a.wav');
    expect(container.querySelector('video')).toHaveAttribute('src', 'https://x.test/b.mp4');
    expect(screen.getByRole('link', { name: /c\.zip/ })).toHaveAttribute('download', 'c.zip');
  });
});
