import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { pngDataUri } from '../fixtures/media';
import { makePrediction } from '../fixtures/predictions';
import { textGenerationSchema, textOutputSchema } from '../fixtures/schemas';
import { hostileUrls, offPageUrls } from '../fixtures/urls';
import { PredictionDetails } from './PredictionDetails';

afterEach(cleanup);

describe('PredictionDetails', () => {
  it('shows status, model, id, timings, input in schema order, output, logs', () => {
    render(
      <PredictionDetails
        prediction={makePrediction()}
        inputSchema={textGenerationSchema}
        outputSchema={textOutputSchema}
      />,
    );
    expect(screen.getByRole('article', { name: 'predictkit/text-generator:2' })).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Succeeded');
    expect(screen.getByText('497f6eca-6276-4993-bfeb-53cbbbba6f08')).toBeInTheDocument();
    expect(screen.getAllByRole('term').map((t) => t.textContent)).toEqual([
      'Queued',
      'Setup',
      'Running',
      'Total',
      'Prompt',
      'Max tokens',
      'Temperature',
    ]);
    expect(screen.getByText(/the year exhales slow/)).toBeInTheDocument();
    expect(screen.getByRole('log')).toHaveTextContent('loading weights');
  });

  it('shows the error of a failed prediction, and copes with an unreadable input schema', () => {
    render(
      <PredictionDetails
        prediction={makePrediction({
          status: 'failed',
          output: null,
          error: { source: 'internal', message: 'Boom' },
        })}
        inputSchema={{ type: 'object', properties: 'nope' }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Boom');
    expect(screen.getByText('Max tokens')).toBeInTheDocument();
  });

  it('heads a Replicate prediction with its version id cut short, and offers the whole id', () => {
    const id = 'c365a99e6113a24968cf5b7c762abc64c2506b63fcfe3d861d7f8fb0549285e9';
    render(
      <PredictionDetails
        prediction={makePrediction({
          id: 'y6six442yzemvken4buqegtnka',
          model: { owner: 'predictkit', name: 'text-generator', version_id: id },
          setup_time: null,
        })}
      />,
    );
    expect(screen.getByRole('article', { name: 'predictkit/text-generator:c365a99e' })).toBeInTheDocument();
    expect(screen.getByTitle('Version ID')).toHaveTextContent(id);
    expect(screen.getByRole('button', { name: 'Copy version' })).toBeInTheDocument();
  });

  it('shows an aborted prediction (Replicate’s, which never started) as ended: no live logs, no alarm', () => {
    render(
      <PredictionDetails
        prediction={makePrediction({
          status: 'aborted',
          output: null,
          logs: [],
          setup_time: null,
          execution_time: null,
        })}
      />,
    );
    expect(screen.getByRole('article')).toHaveAttribute('data-status', 'canceled');
    expect(screen.getByRole('status')).toHaveTextContent('Aborted');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Logs' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy version' })).toBeNull();
  });

  it('says the service removed the data of a Replicate prediction past its retention, not that it had none', () => {
    render(
      <PredictionDetails
        prediction={makePrediction({ input: {}, output: null, logs: [], data_removed: true })}
      />,
    );
    const removed = screen.getAllByText(
      'Removed by the service, which keeps a prediction’s input, output and logs for a limited time.',
    );
    // The input and the output say it; there are no logs to show.
    expect(removed).toHaveLength(2);
    expect(screen.queryByText('No input.')).toBeNull();
    expect(screen.queryByText('No output')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Logs' })).toBeNull();
  });

  describe('input files', () => {
    const wav = 'data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';
    const showInput = (input: Record<string, unknown>) => {
      render(<PredictionDetails prediction={makePrediction({ input })} />);
      return (name: string) =>
        screen
          .getAllByRole('definition')
          .find((dd) => dd.previousElementSibling?.textContent === name) as HTMLElement;
    };

    it('offers a data: input as a download, never as a link to open: Chrome would not navigate to it', () => {
      const value = showInput({ image: pngDataUri, recording: wav, clip: 'data:video/webm;base64,GkXfow==' });
      const image = value('Image');
      expect(within(image).getByRole('img', { name: 'Image' })).toHaveAttribute('src', pngDataUri);
      const download = within(image).getByRole('link', { name: 'Download input.png' });
      expect(download).toHaveAttribute('href', pngDataUri);
      expect(download).toHaveAttribute('download', 'input.png');
      expect(download).not.toHaveAttribute('target');

      const recording = value('Recording');
      expect(recording.querySelector('audio')).toHaveAttribute('src', wav);
      expect(within(recording).getByRole('link', { name: 'Download input.wav' })).toHaveAttribute(
        'download',
        'input.wav',
      );

      const clip = value('Clip');
      expect(clip.querySelector('video, img, audio')).toBeNull();
      expect(within(clip).getByRole('link', { name: 'Download input.webm' })).toHaveAttribute('download');
      expect(document.querySelector('a[target=_blank][href^="data:"]')).toBeNull();
    });

    it('opens http(s) inputs in a new tab, with a preview for images', () => {
      const value = showInput({ image: 'https://example.com/cat.png', page: 'https://example.com/about' });
      const image = value('Image');
      expect(within(image).getByRole('img', { name: 'Image' })).toHaveAttribute(
        'src',
        'https://example.com/cat.png',
      );
      expect(within(image).getByRole('link', { name: 'https://example.com/cat.png' })).toHaveAttribute(
        'target',
        '_blank',
      );
      const page = within(value('Page')).getByRole('link', { name: 'https://example.com/about' });
      expect(page).toHaveAttribute('rel', 'noopener noreferrer');
      expect(page).not.toHaveAttribute('download');
    });

    it('shows unsafe inputs as inert text, a long data: URI cut short', () => {
      const svg = `data:image/svg+xml;base64,${'PHN2Zz48L3N2Zz4'.repeat(20)}`;
      const value = showInput({
        logo: svg,
        page: 'data:text/html,<script>alert(1)</script>',
        note: 'javascript:alert(1)',
      });
      expect(within(value('Logo')).queryByRole('link')).toBeNull();
      expect(within(value('Logo')).queryByRole('img')).toBeNull();
      expect(value('Logo')).toHaveTextContent(`${svg.slice(0, 64)}…`);
      expect(within(value('Page')).queryByRole('link')).toBeNull();
      expect(value('Page')).toHaveTextContent('data:text/html,<script>alert(1)</script>');
      expect(within(value('Note')).queryByRole('link')).toBeNull();
      expect(document.querySelector('a')).toBeNull();
    });

    it('previews and links only what the schema calls a file; without one, only a value that is one URL', () => {
      const schema = {
        type: 'object',
        properties: {
          text: { type: 'string' },
          image: { type: 'string', format: 'uri' },
        },
      } as const;
      render(
        <PredictionDetails
          prediction={makePrediction({
            input: {
              text: 'https://example.com/x.png',
              image: 'https://example.com/cat.png',
              note: 'see https://a.b c',
            },
          })}
          inputSchema={schema}
        />,
      );
      const value = (name: string) =>
        screen.getAllByRole('definition').find((dd) => dd.previousElementSibling?.textContent === name)!;
      expect(value('Text').querySelector('a, img')).toBeNull();
      expect(value('Text')).toHaveTextContent('https://example.com/x.png');
      expect(within(value('Image')).getByRole('img', { name: 'Image' })).toBeInTheDocument();
      expect(value('Note').querySelector('a, img')).toBeNull();
    });

    it('neither links nor previews an input that leads to another host or a script', () => {
      const { container } = render(
        <PredictionDetails
          prediction={makePrediction({
            input: Object.fromEntries(hostileUrls.map(([, url], i) => [`f${i}`, url])),
          })}
        />,
      );
      expect(offPageUrls(container)).toEqual([]);
      expect(container.querySelector('[data-slot=details-input] :is(a, img, audio)')).toBeNull();
    });
  });
});

describe('PredictionDetails for a page', () => {
  it('takes the page’s main heading, names a random seed from the logs, and raises no alarm for a cancel', () => {
    render(
      <PredictionDetails
        headingLevel={1}
        prediction={makePrediction({
          status: 'canceled',
          input: { prompt: 'a lighthouse', seed: null },
          logs: ['Using seed: 4242', 'Image 1/1: 25% rendered'],
          error: { source: 'external', message: 'Canceled.', detail: { canceled: true } },
        })}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('predictkit/text-generator');
    expect(screen.getByRole('heading', { level: 2, name: 'Input' })).toBeInTheDocument();
    expect(document.querySelector('[data-slot=details-input]')).toHaveTextContent(
      '4242 (picked at random; from the logs)',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('adds the seed the logs name when the input left it out', () => {
    render(
      <PredictionDetails
        prediction={makePrediction({ input: { prompt: 'a lighthouse' }, logs: ['Using seed: 77'] })}
      />,
    );
    expect(document.querySelector('[data-slot=details-input]')).toHaveTextContent('Seed77 (picked at random');
  });
});
