import '@testing-library/jest-dom/vitest';
import { getPrediction, type Prediction, versionOf } from '@predictkit/core';
import { getModel, listModelVersions } from '@predictkit/core/catalog';
import { type DemoModel, demoModels, type ServerOptions } from '@predictkit/server';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalServerKit, type LocalApi, type LocalServerKit } from '../stories/withLocalServer';
import { PredictionInputForm } from './PredictionInputForm';

// Other test runs may share the machine's two cores: give `waitFor` room before it calls a test failed.
configure({ asyncUtilTimeout: 5000 });

let kit: LocalServerKit;
afterEach(async () => {
  cleanup();
  await kit?.close();
});

function setup(
  model: string,
  onCreated = vi.fn<(prediction: Prediction) => void>(),
  options: ServerOptions = {},
  api: LocalApi = 'wriftai',
) {
  kit = createLocalServerKit({ timeScale: 0.01, ...options }, api);
  const user = userEvent.setup();
  const view = render(<PredictionInputForm model={model} onCreated={onCreated} />, { wrapper: kit.wrapper });
  const root = () => view.container.querySelector('[data-slot=prediction-input-form]');
  return { user, onCreated, root };
}

describe('PredictionInputForm', () => {
  it('loads the model’s input schema and creates a prediction on its latest version on Run', async () => {
    const { user, onCreated, root } = setup('predictkit/echo');
    expect(screen.getByRole('status')).toHaveTextContent('Loading model…');
    await user.type(await screen.findByLabelText(/^Text/), 'hello');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    const created = onCreated.mock.calls[0]![0];
    expect(created.input).toEqual({ text: 'hello', delay_ms: 0 });
    expect(created.model).toEqual({ owner: 'predictkit', name: 'echo', version_number: 1 });
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'succeeded'));
    const done = await getPrediction(kit.client, created.id);
    expect(done).toMatchObject({ status: 'succeeded', output: 'hello' });
    expect(screen.getByLabelText(/^Text/)).toHaveValue('hello');
  });

  it('runs the version a reference pins', async () => {
    const { user, onCreated } = setup('predictkit/text-generator:1');
    // Version 1 has no stop sequences; version 2 (the latest) does.
    await user.type(await screen.findByLabelText(/^Prompt/), 'Alice');
    expect(screen.queryByText('Stop sequences')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0]![0].model.version_number).toBe(1);
  });

  it('puts the server’s 422 on its field, keeps the input, and shows the same 422 again after an edit', async () => {
    const { user, onCreated } = setup('predictkit/image-filter');
    const url = await screen.findByRole('textbox', { name: 'Image URL' });
    await user.click(url);
    await user.paste('https://example.com/cat.png');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    // The built-in validator takes any URL; only the server knows it reads data: URIs and its own files.
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    const field = url.closest('[data-slot=form-field]') as HTMLElement;
    expect(within(field).getByText(/URL not accepted/)).toBeInTheDocument();
    expect(url).toHaveValue('https://example.com/cat.png');
    expect(url).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();

    // Editing dismisses the issue; the same input sent again gets the same answer, which shows again.
    await user.type(url, 'x{Backspace}');
    expect(within(field).queryByText(/URL not accepted/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(within(field).getByText(/URL not accepted/)).toBeInTheDocument());
    expect(url).toHaveValue('https://example.com/cat.png');
  });

  it('puts a 422 on the field core’s ValidationError names, even a field called "body"', async () => {
    // The server's `loc` is ["body", "input", "body"]; core's issue path is already ["body"]. Mapping that
    // path again as a raw `loc` would strip "body" and leave the issue on no field.
    const mailSummary: DemoModel = {
      name: 'mail-summary',
      description: 'Summarises an email.',
      overview: '',
      categories: [],
      hardware: { identifier: 'cpu', name: 'CPU' },
      created_at: '2026-01-05T09:00:00.000000Z',
      versions: [
        {
          number: 1,
          release_notes: '',
          created_at: '2026-01-05T09:00:00.000000Z',
          input: {
            type: 'object',
            required: ['body'],
            properties: {
              body: { type: 'string', format: 'uri', contentMediaType: 'message/rfc822', title: 'Body' },
            },
          },
          output: { type: 'string' },
          run: async () => 'A summary.',
        },
      ],
    };
    const { user, onCreated } = setup('predictkit/mail-summary', undefined, {
      models: [...demoModels, mailSummary],
    });
    const url = await screen.findByRole('textbox', { name: 'Body URL' });
    await user.click(url);
    await user.paste('https://example.com/mail.eml');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    const field = url.closest('[data-slot=form-field]') as HTMLElement;
    expect(within(field).getByText(/URL not accepted/)).toBeInTheDocument();
    expect(document.querySelector('[data-slot=form-summary]')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('offers Cancel while the prediction runs, and cancels it on the server', async () => {
    const { user, onCreated, root } = setup('predictkit/slow-task');
    const duration = await screen.findByRole('spinbutton', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '300');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    // Run went disabled under the focus: the focus moved to Cancel instead of to the page.
    expect(cancel).toHaveFocus();
    await user.click(cancel);
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'canceled'));
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    const run = screen.getByRole('button', { name: 'Run' });
    expect(run).toBeEnabled();
    expect(run).toHaveFocus();
    const id = onCreated.mock.calls[0]![0].id;
    expect((await getPrediction(kit.client, id)).status).toBe('canceled');
  });

  it('keeps Run disabled while a lost connection is retried and a cancel fails, and says the cancel failed', async () => {
    const { user, root } = setup('predictkit/slow-task');
    // A network that can go down: requests fail, and open streams are cut.
    const network = { down: false, cuts: [] as (() => void)[] };
    const reach = kit.server.fetch.bind(kit.server);
    vi.spyOn(kit.server, 'fetch').mockImplementation(async (request) => {
      if (network.down) throw new TypeError('fetch failed');
      const response = await reach(request);
      if (!response.headers.get('content-type')?.includes('text/event-stream')) return response;
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        start: (stream) => void network.cuts.push(() => stream.error(new TypeError('network error'))),
        pull: async (stream) => {
          const { done, value } = await reader.read();
          if (done) stream.close();
          else stream.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, response);
    });
    const duration = await screen.findByRole('spinbutton', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '300');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'started'));
    network.down = true;
    for (const cut of network.cuts) cut();
    // Watching meets the outage and keeps retrying (the hooks' record of it says so).
    const retrying = () =>
      kit.queryClient
        .getQueryCache()
        .getAll()
        .some((query) => (query.state.data as { retrying?: unknown } | undefined)?.retrying);
    await waitFor(() => expect(retrying()).toBe(true), { timeout: 10_000 });
    const run = screen.getByRole('button', { name: 'Run' });
    expect(run).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(
      await screen.findByText('The prediction was not canceled', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(run).toBeDisabled();
    network.down = false;
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'canceled'));
    expect(run).toBeEnabled();
  }, 40_000);

  it('says so when the model does not exist', async () => {
    setup('predictkit/no-such-model');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Model predictkit/no-such-model was not found',
    );
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });

  it('says so when the reference is not one', async () => {
    setup('not a model');
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a model reference');
  });
});

describe('PredictionInputForm on Replicate’s API', () => {
  const onReplicate = (model: string, options: ServerOptions = {}) =>
    setup(model, vi.fn<(prediction: Prediction) => void>(), options, 'replicate');

  it('builds the form from the version’s Cog schema and creates on its latest version id', async () => {
    const { user, onCreated, root } = onReplicate('predictkit/echo');
    await user.type(await screen.findByLabelText(/^Text/), 'hello');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    const created = onCreated.mock.calls[0]![0];
    const latest = (await getModel(kit.client, 'predictkit/echo')).version;
    expect(created.model).toEqual({ owner: 'predictkit', name: 'echo', version_id: versionOf(latest) });
    expect(created.model.version_id).toMatch(/^[\da-f]{64}$/);
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'succeeded'));
    expect(await getPrediction(kit.client, created.id)).toMatchObject({
      status: 'succeeded',
      output: 'hello',
    });
  });

  it('runs the version id a reference pins', async () => {
    kit = createLocalServerKit({ timeScale: 0.01 }, 'replicate');
    const versions = await listModelVersions(kit.client, 'predictkit/text-generator');
    const oldest = versionOf(versions.items.at(-1)) as string;
    await kit.close();
    const { user, onCreated } = onReplicate(`predictkit/text-generator:${oldest}`);
    await user.type(await screen.findByLabelText(/^Prompt/), 'Alice');
    expect(screen.queryByText('Stop sequences')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(onCreated.mock.calls[0]![0].model.version_id).toBe(oldest);
  });

  it('puts an invalid_fields issue on its field and keeps the input', async () => {
    const { user, onCreated } = onReplicate('predictkit/image-filter');
    const url = await screen.findByRole('textbox', { name: 'Image URL' });
    await user.click(url);
    await user.paste('https://example.com/cat.png');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    const field = url.closest('[data-slot=form-field]') as HTMLElement;
    expect(within(field).getByText(/URL not accepted/)).toBeInTheDocument();
    expect(url).toHaveValue('https://example.com/cat.png');
    expect(url).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows a 429 as a request error that says when to try again, and keeps the input', async () => {
    // One request in the window, which loading the model takes: the create is throttled. The window is
    // longer than the client waits out by itself, so the error reaches the form at once.
    const { user, onCreated } = onReplicate('predictkit/echo', {
      faults: { rateLimit: { requests: 1, windowMs: 600_000 } },
    });
    const text = await screen.findByLabelText(/^Text/);
    await user.type(text, 'throttled');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Too many requests.*try again in \d+ s/);
    expect(alert).toHaveTextContent(/429: Rate limit exceeded.*Retry after \d+ s/);
    expect(text).toHaveValue('throttled');
    expect(text).not.toHaveAttribute('aria-invalid');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('cancels a running prediction on the server', async () => {
    const { user, onCreated, root } = onReplicate('predictkit/slow-task');
    const duration = await screen.findByRole('spinbutton', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '300');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(root()).toHaveAttribute('data-status', 'canceled'));
    expect(screen.getByRole('button', { name: 'Run' })).toHaveFocus();
    const id = onCreated.mock.calls[0]![0].id;
    expect((await getPrediction(kit.client, id)).status).toBe('canceled');
  });

  it('says so when the model does not exist', async () => {
    onReplicate('predictkit/no-such-model');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Model predictkit/no-such-model was not found',
    );
  });
});
