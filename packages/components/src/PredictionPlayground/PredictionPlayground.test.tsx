import '@testing-library/jest-dom/vitest';
import { createPrediction, type Prediction, waitForPrediction } from '@predictkit/core';
import { predictionKeys } from '@predictkit/react';
import { act, cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PredictionCode } from '../PredictionCode/PredictionCode';
import { createLocalServerKit, type LocalApi, type LocalServerKit } from '../stories/withLocalServer';
import { PredictionPlayground } from './PredictionPlayground';

// Other test runs may share the machine's two cores: give `waitFor` room before it calls a test failed.
configure({ asyncUtilTimeout: 5000 });

let kit: LocalServerKit;
afterEach(async () => {
  cleanup();
  await kit?.close();
});

let api: LocalApi;

function setup(
  model: string,
  props: {
    renderPredictionLink?: (p: { id: string }, children: ReactNode) => ReactNode;
    renderCode?: (p: Prediction | null) => ReactNode;
    renderResultFooter?: (p: Prediction) => ReactNode;
  } = {},
  timeScale = 0.01,
) {
  kit = createLocalServerKit({ timeScale }, api);
  const user = userEvent.setup();
  const onCreated = vi.fn<(prediction: Prediction) => void>();
  const view = render(<PredictionPlayground model={model} onCreated={onCreated} {...props} />, {
    wrapper: kit.wrapper,
  });
  const output = () => screen.getByRole('region', { name: 'Output' });
  return {
    user,
    onCreated,
    view,
    output,
    status: () => within(output()).getByRole('status'),
    badge: () => output().querySelector('[data-slot=status-badge]'),
    recent: () => screen.getByRole('list', { name: /^Recent predictions of/ }),
  };
}

// Every behaviour, through each of the local server's APIs with its own provider.
describe.each([
  ['WriftAI', 'wriftai'],
  ['Replicate', 'replicate'],
] as const)('PredictionPlayground on %s’s API', (_name, surface) => {
  beforeEach(() => {
    api = surface;
  });

  it('runs the model and follows the prediction live to its output; the recent list shows the run', async () => {
    // Long enough for a poll to see it run: Replicate streams only models that stream their output.
    const { user, output, status, badge, recent, view } = setup('predictkit/echo', {}, 0.25);
    // A prediction of another model: the list endpoint has no model filter, so the playground filters.
    await createPrediction(kit.client, { model: 'predictkit/sentiment', input: { text: 'fine' } });
    await user.type(await screen.findByLabelText(/^Text/), 'Hello, playground');
    await user.clear(screen.getByRole('spinbutton', { name: /^Delay/ }));
    await user.type(screen.getByRole('spinbutton', { name: /^Delay/ }), '10000');
    expect(within(output()).getByText(/press Run to see the output here/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'started'));
    expect(status()).toHaveTextContent('Running');
    expect(view.container.querySelector('[data-slot=prediction-playground]')).toHaveAttribute(
      'data-status',
      'started',
    );
    expect(within(output()).getByRole('log')).toHaveTextContent('Waiting 10000 ms');

    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'succeeded'));
    expect(status()).toHaveTextContent('Succeeded');
    expect(output().querySelector('[data-slot=prediction-output]')).toHaveTextContent('Hello, playground');
    expect(within(output()).getByText('Running')).toBeInTheDocument(); // the timings
    const rows = within(recent()).getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('predictkit/echo');
    expect(rows[0]).toHaveAttribute('data-status', 'succeeded');
  });

  it('shows the code that makes the shown prediction in a tab beside its output, for the service in use', async () => {
    const { user, output, badge } = setup('predictkit/echo', {
      renderCode: (p) => <PredictionCode prediction={p} />,
    });
    await user.type(await screen.findByLabelText(/^Text/), 'it\'s "quoted"');
    await user.click(within(output()).getByRole('tab', { name: 'Code' }));
    expect(within(output()).getByRole('tabpanel')).toHaveTextContent('Run the model to see the code');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'succeeded'));
    const curl = within(output()).getByRole('tabpanel', { name: 'cURL' });
    expect(curl).toHaveTextContent(`"text": "it'\\''s \\"quoted\\""`);
    expect(curl).toHaveTextContent(surface === 'wriftai' ? '$WRIFTAI_ACCESS_TOKEN' : '$REPLICATE_API_TOKEN');
    const official = surface === 'wriftai' ? 'Python' : 'JavaScript';
    await user.click(within(output()).getByRole('tab', { name: official }));
    expect(within(output()).getByRole('tabpanel', { name: official })).toHaveTextContent('predictkit/echo:');
    await user.click(within(output()).getByRole('tab', { name: 'Preview' }));
    expect(output().querySelector('[data-slot=prediction-output]')).toHaveTextContent(`it's "quoted"`);
  });

  it('shows what renderResultFooter gives under the result, for the prediction shown', async () => {
    const { user, output, badge } = setup('predictkit/echo', {
      renderResultFooter: (p) => <p data-testid="footer">{`${p.status} ${p.id}`}</p>,
    });
    await user.type(await screen.findByLabelText(/^Text/), 'x');
    expect(screen.queryByTestId('footer')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'succeeded'));
    const footer = within(output()).getByTestId('footer');
    await waitFor(() => expect(footer).toHaveTextContent(/^succeeded \S+$/));
  });

  it('has no tabs without renderCode', async () => {
    const { output } = setup('predictkit/echo');
    await screen.findByLabelText(/^Text/);
    expect(within(output()).queryByRole('tablist')).toBeNull();
  });

  it('cancels a running prediction', async () => {
    const { user, status, badge, recent } = setup('predictkit/slow-task');
    const duration = await screen.findByRole('spinbutton', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '300');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'canceled'));
    expect(status()).toHaveTextContent('Canceled');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await waitFor(() =>
      expect(within(recent()).getByRole('listitem')).toHaveAttribute('data-status', 'canceled'),
    );
  });

  it('stops the badge’s clock where watching stopped for good: the prediction is gone', async () => {
    // Once created, the prediction is gone: its reads and its stream are answered as a server that
    // lost its store answers them.
    let gone = false;
    kit = createLocalServerKit({ timeScale: 0.01 }, api, async (request, server) => {
      if (
        gone &&
        request.method === 'GET' &&
        /\/(predictions\/|stream)/.test(new URL(request.url).pathname)
      ) {
        return Response.json({ detail: 'Not found.' }, { status: 404 });
      }
      const answer = await server.fetch(request);
      if (request.method === 'POST') gone = true;
      return answer;
    });
    const user = userEvent.setup();
    render(<PredictionPlayground model="predictkit/slow-task" />, { wrapper: kit.wrapper });
    const duration = await screen.findByRole('spinbutton', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '600');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const output = screen.getByRole('region', { name: 'Output' });
    const elapsed = () => output.querySelector('[data-slot=status-elapsed]')?.textContent;
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Not found'));
    const stoppedAt = elapsed();
    expect(stoppedAt).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 1200)));
    expect(elapsed()).toBe(stoppedAt);
  });

  it('shows the error of a prediction that failed', async () => {
    const { user, output, badge } = setup('predictkit/unreliable');
    const rate = await screen.findByRole('spinbutton', { name: /^Failure rate/ });
    await user.clear(rate);
    await user.type(rate, '1');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(badge()).toHaveAttribute('data-status', 'failed'));
    expect(within(output()).getByRole('alert')).toHaveTextContent(/Simulated internal error/);
  });

  it('puts the server’s 422 on its field and keeps the input', async () => {
    const { user, output } = setup('predictkit/image-filter');
    const url = await screen.findByRole('textbox', { name: 'Image URL' });
    await user.click(url);
    await user.paste('https://example.com/cat.png');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveValue('https://example.com/cat.png');
    expect(output().querySelector('[data-slot=status-badge]')).toBeNull();
  });

  it('shows a recent prediction picked from the list in the panel', async () => {
    const { user, output, recent, onCreated } = setup('predictkit/echo');
    const text = await screen.findByLabelText(/^Text/);
    await user.type(text, 'first');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(output()).toHaveTextContent('first'));
    await user.clear(text);
    await user.type(text, 'second');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(output()).toHaveTextContent('second'));
    await waitFor(() => expect(within(recent()).getAllByRole('listitem')).toHaveLength(2));

    const first = onCreated.mock.calls[0]![0];
    const older = within(recent()).getAllByRole('button')[1]!;
    expect(older).toHaveTextContent(first.id.slice(0, 8));
    await user.click(older);
    await waitFor(() =>
      expect(output().querySelector('[data-slot=prediction-output]')).toHaveTextContent('first'),
    );
    expect(within(recent()).getAllByRole('listitem')[1]).toHaveAttribute('aria-current', 'true');
  });

  it('keeps the recent rows without an alert when a background refresh cannot reach the service', async () => {
    const { user, output, recent } = setup('predictkit/echo');
    await user.type(await screen.findByLabelText(/^Text/), 'kept');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(output()).toHaveTextContent('kept'));
    await waitFor(() => expect(within(recent()).getAllByRole('listitem')).toHaveLength(1));
    // The API goes away; a refresh (a window coming back into focus, say) fails.
    vi.spyOn(kit.server, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const lists = predictionKeys.lists(kit.client);
    await act(() => kit.queryClient.refetchQueries({ queryKey: lists }));
    const states = kit.queryClient.getQueryCache().findAll({ queryKey: lists });
    expect(states.map((query) => query.state.status)).toEqual(['error']);
    const section = screen.getByRole('region', { name: 'Recent predictions' });
    expect(within(section).queryByRole('alert')).toBeNull();
    expect(within(recent()).getAllByRole('listitem')).toHaveLength(1);
    // The service answers, refusing: that is the list's to say, its rows kept.
    vi.spyOn(kit.server, 'fetch').mockResolvedValue(Response.json({ detail: 'Forbidden' }, { status: 403 }));
    await act(() => kit.queryClient.refetchQueries({ queryKey: lists }));
    expect(within(section).getByRole('alert')).toHaveTextContent('Could not load predictions');
    expect(within(recent()).getAllByRole('listitem')).toHaveLength(1);
  }, 15_000);

  it('renders recent rows through renderPredictionLink', async () => {
    const { user, recent, onCreated } = setup('predictkit/echo', {
      renderPredictionLink: (p, children) => <a href={`/predictions/${p.id}`}>{children}</a>,
    });
    await user.type(await screen.findByLabelText(/^Text/), 'linked');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(within(recent()).getAllByRole('link')).toHaveLength(1));
    const id = onCreated.mock.calls[0]![0].id;
    expect(within(recent()).getByRole('link')).toHaveAttribute('href', `/predictions/${id}`);
  });

  it('lists the model’s earlier predictions, and only them, reading past a page of other models', async () => {
    kit = createLocalServerKit({ timeScale: 0.01 }, api);
    await createPrediction(kit.client, { model: 'predictkit/echo', input: { text: 'earlier' } });
    // More than a page of another model's predictions, newer than the one of this model: the 50 the
    // playground asks for, or Replicate's own 100, where the service takes no page size.
    const others = api === 'replicate' ? 105 : 55;
    for (let i = 0; i < others; i++) {
      await createPrediction(kit.client, { model: 'predictkit/sentiment', input: { text: `other ${i}` } });
    }
    render(<PredictionPlayground model="predictkit/echo" />, { wrapper: kit.wrapper });
    const list = await screen.findByRole('list', { name: 'Recent predictions of predictkit/echo' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByRole('listitem')).toHaveTextContent('predictkit/echo');
  });

  it('says so when the model does not exist', async () => {
    setup('predictkit/no-such-model');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Model predictkit/no-such-model was not found',
    );
    expect(screen.queryByRole('region', { name: 'Output' })).toBeNull();
  });
});

describe('PredictionPlayground on a Replicate prediction that was aborted', () => {
  it('shows it ended, as a cancel that came before the run, not as a failure', async () => {
    // One prediction at a time: the second waits in the queue until its deadline passes.
    kit = createLocalServerKit({ timeScale: 0.01, concurrency: 1 }, 'replicate');
    await createPrediction(kit.client, { model: 'predictkit/slow-task', input: { duration_s: 300 } });
    const late = await createPrediction(kit.client, {
      model: 'predictkit/echo',
      input: { text: 'never ran' },
      cancelAfter: '1s',
    });
    await waitForPrediction(kit.client, late);
    const user = userEvent.setup();
    render(<PredictionPlayground model="predictkit/echo" />, { wrapper: kit.wrapper });
    const list = await screen.findByRole('list', { name: 'Recent predictions of predictkit/echo' });
    const row = await within(list).findByRole('button');
    expect(row).toHaveTextContent('Aborted');
    await user.click(row);
    const output = screen.getByRole('region', { name: 'Output' });
    await waitFor(() => expect(within(output).getByRole('status')).toHaveTextContent('Aborted'));
    expect(output.querySelector('[data-slot=status-badge]')).toHaveAttribute('data-status', 'canceled');
    expect(within(output).queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
