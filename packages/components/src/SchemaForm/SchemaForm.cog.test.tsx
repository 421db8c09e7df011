import '@testing-library/jest-dom/vitest';
import { cogArrayHints, schemasFromOpenApi } from '@predictkit/core/schema';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cogImageDocument, cogTextDocument } from '../fixtures/cogSchemas';
import { parseSchema } from './parseSchema';
import { SchemaForm } from './SchemaForm';

afterEach(cleanup);

const image = schemasFromOpenApi(cogImageDocument);
const text = schemasFromOpenApi(cogTextDocument);
if (!image || !text) throw new Error('the Cog fixtures have an Input');
const run = () => screen.getByRole('button', { name: /Run/ });
const fieldOf = (control: HTMLElement) => control.closest('[data-slot=form-field]') as HTMLElement;

describe('SchemaForm on schemas Cog publishes', () => {
  it('hides the "An enumeration." that Cog gives every enum definition, and keeps a field’s own words', () => {
    render(<SchemaForm schema={image.input} />);
    expect(screen.queryByText('An enumeration.')).toBeNull();
    expect(screen.getByText('How noise is taken away, step by step.')).toBeVisible();
    expect(parseSchema(image.input).find((f) => f.name === 'output_format')?.description).toBeUndefined();
  });

  it('leaves a secret with a masked default empty, so an untouched form lets the model’s real default apply', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={image.input} onSubmit={onSubmit} defaultValue={{ prompt: 'a fox' }} />);
    const token = screen.getByLabelText(/^Hf token/);
    expect(token).toHaveAttribute('type', 'password');
    expect(token).toHaveValue('');
    expect(fieldOf(token)).not.toHaveTextContent('*');
    await userEvent.click(run());
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).not.toHaveProperty('hf_token');
  });

  it('never prints a plain secret’s default beside the masked field', () => {
    render(<SchemaForm schema={text.input} />);
    const key = screen.getByLabelText(/^Api key/);
    expect(key).toHaveAttribute('type', 'password');
    expect(fieldOf(key)).not.toHaveTextContent('sk-demo-key');
    expect(key).not.toHaveAccessibleDescription(/sk-demo-key/);
  });

  it('draws an empty required number’s slider with no value chosen, and sets it once the number is typed', async () => {
    const schema = {
      type: 'object',
      required: ['strength'],
      properties: { strength: { type: 'integer', title: 'Strength', minimum: 1, maximum: 10 } },
    };
    render(<SchemaForm schema={schema} />);
    const slider = screen.getByRole('slider', { name: /^Strength/ });
    expect(slider).toHaveAttribute('data-empty');
    expect(slider).toHaveAttribute('aria-valuetext', 'Not set');
    await userEvent.type(screen.getByRole('spinbutton', { name: /^Strength/ }), '4');
    expect(slider).not.toHaveAttribute('data-empty');
    expect(slider).toHaveValue('4');
  });

  it('gives a newline-separated list a textarea: Enter makes a new line and line breaks survive', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={image.input} onSubmit={onSubmit} defaultValue={{ prompt: 'a fox' }} />);
    const loras = screen.getByLabelText(/^Extra loras/);
    expect(loras.tagName).toBe('TEXTAREA');
    await userEvent.type(loras, 'https://a.test/one{Enter}https://a.test/two');
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(run());
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      extra_loras: 'https://a.test/one\nhttps://a.test/two',
    });
    // a comma-separated list stays on one line
    cleanup();
    render(<SchemaForm schema={text.input} />);
    expect(screen.getByLabelText(/^Stop sequences/).tagName).toBe('INPUT');
  });

  it('marks a deprecated input, for the eye and in the field’s description', () => {
    render(<SchemaForm schema={image.input} />);
    const scale = screen.getByRole('spinbutton', { name: /^Lora scale/ });
    expect(fieldOf(scale)).toHaveAttribute('data-deprecated');
    expect(scale).toHaveAccessibleDescription(/^Deprecated/);
    expect(screen.getAllByText('Deprecated')).toHaveLength(1);
  });

  it('leaves out an untouched nullable field whose default is null, and sends null once asked to', async () => {
    const onSubmit = vi.fn();
    render(<SchemaForm schema={image.input} onSubmit={onSubmit} defaultValue={{ prompt: 'a fox' }} />);
    await userEvent.click(run());
    expect(onSubmit.mock.calls[0]?.[0]).not.toHaveProperty('negative_prompt');
    await userEvent.click(screen.getByRole('button', { name: 'No value for Negative prompt (send null)' }));
    await userEvent.click(run());
    expect(onSubmit.mock.calls[1]?.[0]).toMatchObject({ negative_prompt: null });
  });

  it('merges an object field’s defaultValue with the defaults inside it', async () => {
    const onSubmit = vi.fn();
    const { unmount } = render(
      <SchemaForm
        schema={image.input}
        onSubmit={onSubmit}
        defaultValue={{ prompt: 'a fox', settings: {} }}
      />,
    );
    await userEvent.click(run());
    expect(onSubmit.mock.calls[0]?.[0].settings).toEqual({ steps: 28, sampler: 'euler' });
    unmount();
    render(
      <SchemaForm
        schema={image.input}
        onSubmit={onSubmit}
        defaultValue={{ prompt: 'a fox', settings: { steps: 40 } }}
      />,
    );
    await userEvent.click(run());
    expect(onSubmit.mock.calls[1]?.[0].settings).toEqual({ steps: 40, sampler: 'euler' });
  });

  it('reads a title Cog made of the parameter’s name as no title, and keeps one of its own', () => {
    render(<SchemaForm schema={text.input} />);
    expect(screen.getByRole('spinbutton', { name: /^Width/ })).toBeVisible();
    expect(screen.getByRole('spinbutton', { name: /^Max new tokens/ })).toBeVisible();
    expect(screen.getByRole('radiogroup', { name: /^Output type/ })).toBeVisible();
    // "Num Outputs" is the name's words capitalised as Pydantic does: read as the name, in the form's one casing
    expect(parseSchema(image.input).find((f) => f.name === 'num_outputs')?.label).toBe('Num outputs');
    // a title of its own is kept as written
    const own = { type: 'object', properties: { lora_scale: { type: 'number', title: 'LoRA Scale' } } };
    expect(parseSchema(own)[0]?.label).toBe('LoRA Scale');
  });

  it('reads Cog’s array hints on an output: streamed as produced, shown as one text', () => {
    expect(cogArrayHints(text.output)).toEqual({ iterator: true, concatenate: true });
    expect(cogArrayHints(image.output)).toEqual({ iterator: true, concatenate: false });
  });
});
