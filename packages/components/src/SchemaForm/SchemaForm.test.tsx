import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  imageFilterSchema,
  imageGenerationSchema,
  kitchenSinkSchema,
  textGenerationSchema,
} from '../fixtures/schemas';
import { hostileUrls, offPageUrls } from '../fixtures/urls';
import type { WidgetProps } from './FormContext';
import type { FormValue } from './formValue';
import { SchemaForm } from './SchemaForm';

afterEach(cleanup);

function Controlled({ onChange }: { onChange(value: FormValue): void }) {
  const [value, setValue] = useState<FormValue>({ prompt: 'a' });
  return (
    <SchemaForm
      schema={textGenerationSchema}
      value={value}
      onChange={(next) => {
        onChange(next);
        setValue(next);
      }}
    />
  );
}

const Stars = ({ id, onChange }: WidgetProps) => (
  <button id={id} type="button" onClick={() => onChange(5)}>
    five
  </button>
);

const Shout = ({ id, value, onChange }: WidgetProps) => (
  <input id={id} value={String(value ?? '')} onChange={(e) => onChange(e.target.value.toUpperCase())} />
);

const run = () => screen.getByRole('button', { name: /Run/ });

describe('SchemaForm', () => {
  it('renders labels, descriptions, hints and required marks, with hints wired to the inputs', () => {
    render(<SchemaForm schema={textGenerationSchema} />);
    const tokens = screen.getByRole('spinbutton', { name: 'Max tokens' });
    expect(tokens).toHaveAccessibleDescription('The most tokens to generate. 1–4096 · default 256');
    expect(tokens).toHaveValue(256);
    expect(screen.getByRole('slider', { name: 'Max tokens' })).toHaveValue('256');
    expect(screen.getByLabelText(/^Prompt/)).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText(/^Prompt/).tagName).toBe('TEXTAREA');
  });

  it('puts a slider only where the bounds are close enough to slide between', () => {
    const schema = {
      type: 'object',
      properties: {
        strength: { type: 'number', minimum: 0, maximum: 1 },
        seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      },
    };
    render(<SchemaForm schema={schema} />);
    expect(screen.getByRole('slider', { name: 'Strength' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toBeInTheDocument();
    expect(screen.queryByRole('slider', { name: 'Seed' })).toBeNull();
  });

  it('keeps a slider’s ends on values the form takes, one step inside an exclusive bound', () => {
    const schema = {
      type: 'object',
      properties: {
        scale: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
        steps: { type: 'integer', exclusiveMinimum: 0, maximum: 50 },
        count: { type: 'integer', exclusiveMinimum: 0.5, exclusiveMaximum: 9.5 },
        weight: { type: 'number', minimum: 0, exclusiveMinimum: 0.1, maximum: 2, multipleOf: 0.25 },
      },
    };
    render(<SchemaForm schema={schema} />);
    const scale = screen.getByRole('slider', { name: 'Scale' });
    expect([scale.getAttribute('min'), scale.getAttribute('max')]).toEqual(['0.1', '9.9']);
    const steps = screen.getByRole('slider', { name: 'Steps' });
    expect([steps.getAttribute('min'), steps.getAttribute('max')]).toEqual(['1', '50']);
    const count = screen.getByRole('slider', { name: 'Count' });
    expect([count.getAttribute('min'), count.getAttribute('max')]).toEqual(['1', '9']);
    // Both bounds: the tighter; on the grid of `multipleOf`.
    const weight = screen.getByRole('slider', { name: 'Weight' });
    expect([weight.getAttribute('min'), weight.getAttribute('max')]).toEqual(['0.25', '2']);
  });

  it('submits the cleaned value with Enter in a single-line field', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={imageGenerationSchema}
        onSubmit={onSubmit}
        defaultValue={{ prompt: 'fox', num_outputs: 1 }}
      />,
    );
    const seed = screen.getByRole('spinbutton', { name: 'Seed' });
    await userEvent.type(seed, '42{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({
      prompt: 'fox',
      width: 768,
      height: 768,
      num_outputs: 1,
      style: 'photographic',
      guidance_scale: 7.5,
      seed: 42,
    });
  });

  it('submits with Ctrl+Enter and Cmd+Enter from a textarea', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={textGenerationSchema} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText(/^Prompt/), 'line one{Enter}line two');
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ prompt: 'line one\nline two' }));
    await userEvent.keyboard('{Meta>}{Enter}{/Meta}');
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('validates on submit, shows errors on the fields, focuses the first, and keeps the input', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={kitchenSinkSchema}
        onSubmit={onSubmit}
        defaultValue={{ title: 'bad', tags: ['x'] }}
      />,
    );
    await userEvent.click(run());
    const title = screen.getByLabelText(/^Title/);
    expect(title).toHaveFocus();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription(/Not in the expected format/);
    expect(title).toHaveValue('bad');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('validates a field on blur, and clears the error as it is fixed', async () => {
    render(<SchemaForm schema={kitchenSinkSchema} />);
    const title = screen.getByLabelText(/^Title/);
    await userEvent.type(title, 'ab');
    await userEvent.tab();
    expect(title).toHaveAccessibleDescription(/Must be at least 3 characters · Not in the expected format/);
    await userEvent.clear(title);
    await userEvent.type(title, 'Abc');
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('shows server issues on their fields until edited, and the others in a summary', async () => {
    const issues = [
      { path: ['seed'], message: 'Seed is reserved' },
      { path: ['model'], message: 'Model is paused' },
    ];
    render(
      <SchemaForm schema={imageGenerationSchema} issues={issues} defaultValue={{ prompt: 'x', seed: 7 }} />,
    );
    const seed = screen.getByRole('spinbutton', { name: 'Seed' });
    await waitFor(() => expect(seed).toHaveFocus());
    expect(seed).toHaveAccessibleDescription(/Seed is reserved/);
    expect(screen.getByRole('alert')).toHaveTextContent('model Model is paused');
    await userEvent.type(seed, '1');
    expect(seed).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Model is paused');
  });

  it('takes a rebuilt but equal issues array as no news: no refocus, edited fields stay clear', async () => {
    const issues = () => [{ path: ['seed'], message: 'Seed is reserved' }];
    const { rerender } = render(
      <SchemaForm schema={imageGenerationSchema} issues={issues()} defaultValue={{ prompt: 'x' }} />,
    );
    const seed = screen.getByRole('spinbutton', { name: 'Seed' });
    await userEvent.type(seed, '1');
    const prompt = screen.getByLabelText(/^Prompt/);
    await userEvent.click(prompt);
    rerender(<SchemaForm schema={imageGenerationSchema} issues={issues()} defaultValue={{ prompt: 'x' }} />);
    expect(prompt).toHaveFocus();
    expect(seed).not.toHaveAttribute('aria-invalid');
    rerender(<SchemaForm schema={imageGenerationSchema} issues={[]} />);
    rerender(<SchemaForm schema={imageGenerationSchema} issues={issues()} />);
    await waitFor(() => expect(seed).toHaveFocus());
    expect(seed).toHaveAttribute('aria-invalid', 'true');
  });

  it('runs a custom validator after the built-in one, async too', async () => {
    const onSubmit = vi.fn();
    const validate = vi.fn(async (value: FormValue) =>
      value.prompt === 'no' ? [{ path: ['prompt'], message: 'Not that' }] : [],
    );
    render(<SchemaForm schema={textGenerationSchema} validate={validate} onSubmit={onSubmit} />);
    await userEvent.click(run());
    expect(validate).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Prompt/), 'no');
    await userEvent.click(run());
    expect(await screen.findByText('Not that')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(validate).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: 'no' }),
      expect.objectContaining({ schema: textGenerationSchema }),
    );
  });

  it('reports a validator that throws instead of swallowing it', async () => {
    render(
      <SchemaForm
        schema={{ type: 'object', properties: {} }}
        validate={() => Promise.reject(new Error('offline'))}
      />,
    );
    await userEvent.click(run());
    expect(await screen.findByRole('alert')).toHaveTextContent('The input could not be validated: offline');
  });

  it('works controlled', async () => {
    const changes: FormValue[] = [];
    render(<Controlled onChange={(next) => changes.push(next)} />);
    await userEvent.type(screen.getByLabelText(/^Prompt/), 'b');
    expect(changes.at(-1)).toEqual({ prompt: 'ab' });
    expect(screen.getByLabelText(/^Prompt/)).toHaveValue('ab');
  });

  it('resets to the defaults', async () => {
    render(<SchemaForm schema={textGenerationSchema} />);
    const tokens = screen.getByRole('spinbutton', { name: 'Max tokens' });
    await userEvent.clear(tokens);
    await userEvent.type(tokens, '9');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByRole('spinbutton', { name: 'Max tokens' })).toHaveValue(256);
  });

  it('clears a nullable field to null and back', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={kitchenSinkSchema}
        onSubmit={onSubmit}
        defaultValue={{ title: 'Abc', tags: ['a'], notes: 'hi' }}
      />,
    );
    const toggle = screen.getByRole('button', { name: 'No value for Notes (send null)' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Notes')).toHaveValue('');
    // in words a person reads, not the JSON keyword
    expect(toggle).toHaveTextContent('No value');
    expect(screen.getByLabelText('Notes')).toHaveAttribute('placeholder', 'No value');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ notes: null }));
    // Pressed again, it gives back what was there.
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByLabelText('Notes')).toHaveValue('hi');
  });

  it('adds, reorders and removes array items', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={kitchenSinkSchema}
        onSubmit={onSubmit}
        defaultValue={{ title: 'Abc', tags: ['a'] }}
      />,
    );
    const tags = screen.getByRole('group', { name: 'Tags' });
    await userEvent.click(within(tags).getByRole('button', { name: 'Add tags' }));
    await userEvent.type(within(tags).getByLabelText('Tags 2'), 'b');
    await userEvent.click(within(tags).getByRole('button', { name: 'Move Tags 2 up' }));
    expect(within(tags).getByLabelText('Tags 1')).toHaveValue('b');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ tags: ['b', 'a'] }));
    await userEvent.click(within(tags).getByRole('button', { name: 'Remove Tags 1' }));
    expect(within(tags).getByRole('button', { name: 'Remove Tags 1' })).toBeDisabled();
    expect(within(tags).getByLabelText('Tags 1')).toHaveValue('a');
  });

  it('calls an empty list item empty, and names each file item’s URL box by its item', async () => {
    render(<SchemaForm schema={kitchenSinkSchema} defaultValue={{ title: 'Abc', tags: ['a'] }} />);
    const tags = screen.getByRole('group', { name: 'Tags' });
    await userEvent.click(within(tags).getByRole('button', { name: 'Add tags' }));
    const references = screen.getByRole('group', { name: 'References' });
    await userEvent.click(within(references).getByRole('button', { name: 'Add references' }));
    await userEvent.click(within(references).getByRole('button', { name: 'Add references' }));
    expect(within(references).getByRole('textbox', { name: 'References 2 URL' })).toBeVisible();
    // Left for the next Add, an empty row is not wrong yet: only a submit says so.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(within(references).getByRole('textbox', { name: 'References 1 URL' })).not.toHaveAttribute(
      'aria-invalid',
    );
    await userEvent.click(run());
    expect(within(tags).getByLabelText('Tags 2')).toHaveAccessibleDescription(
      'Empty: fill it in or remove it',
    );
    expect(within(references).getByRole('textbox', { name: 'References 1 URL' })).toHaveAccessibleDescription(
      'Empty: fill it in or remove it',
    );
    // Once a submit has said so, leaving the row still empty keeps it said.
    expect(within(tags).getByLabelText('Tags 2')).toHaveFocus();
    await userEvent.tab();
    expect(within(tags).getByLabelText('Tags 2')).toHaveAccessibleDescription(
      'Empty: fill it in or remove it',
    );
  });

  it('checks a field the press on Run left after the click, so that its error does not move Run away', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={kitchenSinkSchema} onSubmit={onSubmit} defaultValue={{ tags: ['a'] }} />);
    const title = screen.getByLabelText(/^Title/);
    await userEvent.type(title, 'ab');
    // What a field's blur showed by the time the pointer came up over Run.
    let shownAtRelease: string | null = null;
    const seen = () => {
      shownAtRelease = title.getAttribute('aria-invalid');
    };
    window.addEventListener('pointerup', seen, true);
    try {
      await userEvent.click(run());
    } finally {
      window.removeEventListener('pointerup', seen, true);
    }
    expect(shownAtRelease).toBeNull();
    // The click went through: the submit checked every field and took the focus to the first error.
    expect(title).toHaveFocus();
    expect(title).toHaveAccessibleDescription(/Must be at least 3 characters/);
    expect(onSubmit).not.toHaveBeenCalled();
    // A press elsewhere in the form shows the error of the field it left once it is over.
    await userEvent.clear(title);
    await userEvent.type(title, 'x');
    await userEvent.click(screen.getByLabelText(/^Notes/));
    await waitFor(() => expect(title).toHaveAccessibleDescription(/Must be at least 3 characters/));
    // A press on Reset resets the field it left: nothing is checked after it.
    await userEvent.type(title, 'y');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // (the fields are drawn afresh)
    const fresh = screen.getByLabelText(/^Title/);
    expect(fresh).not.toHaveAttribute('aria-invalid');
    // A right click holds nothing back (its release may go to the context menu): the blur that
    // follows is checked at once.
    await userEvent.type(fresh, 'ab');
    await userEvent.pointer({ keys: '[MouseRight>]', target: screen.getByLabelText(/^Notes/) });
    await userEvent.tab();
    expect(fresh).toHaveAccessibleDescription(/Must be at least 3 characters/);
  });

  it('holds a tap’s blur until its click, which a tap sends after its pointer is up', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={kitchenSinkSchema} onSubmit={onSubmit} defaultValue={{ tags: ['a'] }} />);
    const title = screen.getByLabelText(/^Title/);
    await userEvent.type(title, 'ab');
    const button = run();
    // A tap's order: the pointer comes down and up, then the mouse events that blur the field, then the click.
    fireEvent.pointerDown(button, { button: 0, pointerType: 'touch' });
    fireEvent.pointerUp(button, { button: 0, pointerType: 'touch' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    act(() => button.focus());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(title).not.toHaveAttribute('aria-invalid');
    fireEvent.click(button);
    await waitFor(() => expect(title).toHaveFocus());
    expect(title).toHaveAccessibleDescription(/Must be at least 3 characters/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a whole number too large to send exactly, rather than send it rounded', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={imageGenerationSchema} onSubmit={onSubmit} defaultValue={{ prompt: 'x' }} />);
    const seed = screen.getByRole('spinbutton', { name: /^Seed/ });
    await userEvent.type(seed, '99999999999999999999');
    await userEvent.click(run());
    expect(seed).toHaveAccessibleDescription(/Too large to send exactly/);
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(seed);
    await userEvent.type(seed, '9007199254740991');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ seed: 9007199254740991 }));
  });

  it('reads a description’s Markdown: a link to a safe address, code, and no HTML', () => {
    render(
      <SchemaForm
        schema={{
          type: 'object',
          properties: {
            safety: {
              type: 'boolean',
              description:
                'Disable the [safety checker](https://replicate.com/docs/safety). When `continuation` is on, <b>see</b> [this](javascript:alert(1)).',
            },
          },
        }}
      />,
    );
    const description = screen.getByText(/Disable the/);
    expect(within(description).getByRole('link', { name: 'safety checker' })).toHaveAttribute(
      'href',
      'https://replicate.com/docs/safety',
    );
    expect(within(description).getByText('continuation').tagName).toBe('CODE');
    expect(within(description).queryAllByRole('link')).toHaveLength(1);
    expect(description.querySelector('b')).toBeNull();
    expect(screen.getByRole('switch', { name: /^Safety/ })).toHaveAccessibleDescription(
      'Disable the safety checker. When continuation is on, <b>see</b> this.',
    );
  });

  it('edits nested objects and arrays of objects', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={kitchenSinkSchema}
        onSubmit={onSubmit}
        defaultValue={{ title: 'Abc', tags: ['a'] }}
      />,
    );
    const path = screen.getByRole('group', { name: 'Path' });
    await userEvent.click(within(path).getByRole('button', { name: 'Add path' }));
    const point = within(path).getByRole('group', { name: 'Path 1' });
    await userEvent.type(within(point).getByRole('spinbutton', { name: /^X/ }), '1');
    await userEvent.type(within(point).getByRole('spinbutton', { name: /^Y/ }), '2.5');
    await userEvent.click(screen.getByRole('switch', { name: 'Tiling' }));
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        path: [{ x: 1, y: 2.5 }],
        settings: { steps: 30, advanced: { tiling: true } },
      }),
    );
  });

  it('reports JSON parse errors and blocks the submit until fixed', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={kitchenSinkSchema}
        onSubmit={onSubmit}
        defaultValue={{ title: 'Abc', tags: ['a'] }}
      />,
    );
    const metadata = screen.getByLabelText('Metadata');
    await userEvent.type(metadata, '{{"a": ');
    await userEvent.click(run());
    expect(metadata).toHaveAccessibleDescription(/Invalid JSON/);
    expect(metadata).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.type(metadata, '1}');
    expect(metadata).not.toHaveAttribute('aria-invalid');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ metadata: { a: 1 } }));
  });

  it('reads a chosen file into a data: URI, or hands it to uploadFile', async () => {
    const onSubmit = vi.fn();
    const { unmount } = render(<SchemaForm schema={imageFilterSchema} onSubmit={onSubmit} />);
    const file = new File(['png'], 'a.png', { type: 'image/png' });
    await userEvent.upload(document.querySelector('input[type=file]') as HTMLInputElement, file);
    expect(await screen.findByAltText('Preview of a.png')).toBeInTheDocument();
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ image: 'data:image/png;base64,cG5n' }));
    unmount();

    const uploadFile = vi.fn(async (f: File) => `https://cdn.test/${f.name}`);
    render(<SchemaForm schema={imageFilterSchema} onSubmit={onSubmit} uploadFile={uploadFile} />);
    await userEvent.upload(document.querySelector('input[type=file]') as HTMLInputElement, file);
    await screen.findByAltText('Preview of a.png');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ image: 'https://cdn.test/a.png' }));
  });

  it('previews an uploaded file from its local copy, whatever its URL, and lets the copy go when it is removed', async () => {
    const made: string[] = [];
    const revoked: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      made.push(`blob:http://localhost/${made.length}`);
      return made.at(-1)!;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u) => void revoked.push(u));
    try {
      // the service's URL of an upload: no extension, and it wants the token
      const uploadFile = async () => 'https://api.test/v1/files/abc123';
      render(<SchemaForm schema={imageFilterSchema} onSubmit={() => {}} uploadFile={uploadFile} />);
      const photo = new File(['jpg'], 'photo.jpg', { type: 'image/jpeg' });
      await userEvent.upload(document.querySelector('input[type=file]') as HTMLInputElement, photo);
      expect(await screen.findByAltText('Preview of photo.jpg')).toHaveAttribute('src', made[0]);
      await userEvent.click(screen.getByRole('button', { name: 'Remove photo.jpg' }));
      expect(revoked).toEqual([made[0]]);
      cleanup();

      // a form that goes while its file uploads makes no preview to let go of
      let answer: (url: string) => void = () => {};
      const slow = () => new Promise<string>((resolve) => (answer = resolve));
      const { unmount } = render(
        <SchemaForm schema={imageFilterSchema} onSubmit={() => {}} uploadFile={slow} />,
      );
      await userEvent.upload(document.querySelector('input[type=file]') as HTMLInputElement, photo);
      unmount();
      await act(async () => answer('https://api.test/v1/files/def456'));
      expect(made).toHaveLength(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('refuses files that are empty, over the size limit or of the wrong type, and takes a pasted URL', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={imageFilterSchema} onSubmit={onSubmit} maxFileSize={2} />);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File(['toolarge'], 'big.png', { type: 'image/png' }));
    expect(screen.getByRole('alert')).toHaveTextContent('big.png is 8 B; the limit is 2 B.');
    await userEvent.upload(input, new File(['x'], 'a.txt', { type: 'text/plain' }), { applyAccept: false });
    expect(screen.getByRole('alert')).toHaveTextContent('a.txt is not a file of type image/*.');
    await userEvent.upload(input, new File([], 'empty.png', { type: 'image/png' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'empty.png is empty: choose a file with something in it.',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Image URL' }), 'https://example.com/cat.png');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ image: 'https://example.com/cat.png' }));
  });

  it('previews a file URL on the page itself, and no hostile one', () => {
    for (const [, url] of hostileUrls) {
      const { container, unmount } = render(
        <SchemaForm schema={imageFilterSchema} defaultValue={{ image: url }} onSubmit={() => {}} />,
      );
      expect(offPageUrls(container), JSON.stringify(url)).toEqual([]);
      expect(container.querySelector('[data-slot=file-preview] img'), JSON.stringify(url)).toBeNull();
      unmount();
    }
    render(
      <SchemaForm
        schema={imageFilterSchema}
        defaultValue={{ image: '/api/predictkit/files/x.png' }}
        onSubmit={() => {}}
      />,
    );
    expect(screen.getByAltText('Preview of x.png')).toHaveAttribute('src', '/api/predictkit/files/x.png');
  });

  it('names a file sent inline by its type, as the prediction’s details do', () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    render(<SchemaForm schema={imageFilterSchema} defaultValue={{ image }} onSubmit={() => {}} />);
    expect(screen.getByAltText('Preview of input.png')).toHaveAttribute('src', image);
    expect(screen.getByRole('button', { name: 'Remove input.png' })).toBeInTheDocument();
  });

  it('uses widget overrides by name and by kind', async () => {
    const onSubmit = vi.fn();
    render(
      <SchemaForm
        schema={{ type: 'object', properties: { rating: { type: 'integer' }, name: { type: 'string' } } }}
        widgets={{ rating: Stars, text: Shout }}
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Rating' }));
    await userEvent.type(screen.getByLabelText('Name'), 'ada');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledWith({ rating: 5, name: 'ADA' });
  });

  it('disables everything when disabled, and blocks submits while submitting', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<SchemaForm schema={textGenerationSchema} disabled onSubmit={onSubmit} />);
    expect(screen.getByLabelText(/^Prompt/)).toBeDisabled();
    expect(run()).toBeDisabled();
    rerender(
      <SchemaForm
        schema={textGenerationSchema}
        submitting
        onSubmit={onSubmit}
        defaultValue={{ prompt: 'x' }}
      />,
    );
    await userEvent.type(screen.getByLabelText(/^Prompt/), '{Control>}{Enter}{/Control}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.querySelector('form')).toHaveAttribute('aria-busy', 'true');
  });

  it('keeps typed values when the schema changes, and parses an inline schema once', () => {
    const { rerender } = render(
      <SchemaForm schema={{ ...textGenerationSchema }} defaultValue={{ prompt: 'keep me' }} />,
    );
    rerender(<SchemaForm schema={{ ...textGenerationSchema }} defaultValue={{ prompt: 'other' }} />);
    expect(screen.getByLabelText(/^Prompt/)).toHaveValue('keep me');
    rerender(<SchemaForm schema={imageGenerationSchema} />);
    expect(screen.getByLabelText(/^Prompt/)).toHaveValue('keep me');
    expect(screen.getByRole('radiogroup', { name: 'Width' })).toBeInTheDocument();
  });

  it('renders a malformed schema as a clear message, never a crash', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.self = cyclic;
    const { rerender } = render(<SchemaForm schema={{ type: 'object', properties: 'prompt' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('"properties" must be an object, got a string');
    rerender(<SchemaForm schema={cyclic} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The schema is not JSON');
    rerender(<SchemaForm schema={undefined as never} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The schema must be a JSON object, got undefined');
  });
});
