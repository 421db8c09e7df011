import type { JsonSchema } from '@predictkit/core';
import { schemasFromOpenApi } from '@predictkit/core/schema';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { cogImageDocument, cogTextDocument } from '../fixtures/cogSchemas';
import { hundredFieldSchema, kitchenSinkSchema } from '../fixtures/schemas';
import { demoVersion } from '../stories/demoVersion';
import type { WidgetProps } from './FormContext';
import type { FormValue } from './formValue';
import { issuesFromValidationDetail } from './issuesFromValidationDetail';
import { SchemaForm } from './SchemaForm';
import { zodValidator } from './zodValidator';

// The demo models' own forms are in SchemaForm.demo.stories.tsx; these stories are about the form's
// behaviour (on real demo schemas) and about schemas that are hard to get right.
const textGenerator = demoVersion('text-generator', 2).input;
const imageGenerator = demoVersion('image-generator', 1).input;
const imageFilter = demoVersion('image-filter', 1).input;
// Shaped like the OpenAPI documents Cog-packaged models publish, read the way the Replicate provider reads them.
const cogImage = schemasFromOpenApi(cogImageDocument)?.input as JsonSchema;
const cogText = schemasFromOpenApi(cogTextDocument)?.input as JsonSchema;

const meta = {
  title: 'Components/SchemaForm',
  component: SchemaForm,
  args: { schema: textGenerator, onSubmit: fn(), onChange: fn() },
  parameters: { layout: 'padded' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SchemaForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Submitting with a required field empty: the error shows and focus moves to the field. */
export const RequiredFieldFocus: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /Run/ }));
    const prompt = canvas.getByLabelText(/^Prompt/);
    await waitFor(() => expect(prompt).toHaveFocus());
    await expect(prompt).toHaveAttribute('aria-invalid', 'true');
    await expect(prompt).toHaveAccessibleDescription(/Field required/);
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await userEvent.type(prompt, 'fixed');
    await expect(prompt).not.toHaveAttribute('aria-invalid');
  },
};

/** A file larger than `maxFileSize` is refused with a message, and nothing is sent. */
export const FileTooLarge: Story = {
  args: { schema: imageFilter, maxFileSize: 10 },
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File([new Uint8Array(64)], 'big.png', { type: 'image/png' }));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'big.png is 64 B; the limit is 10 B.',
    );
  },
};

/** A file named as an image that is none: its icon and name, not a broken picture. */
export const UnreadableImage: Story = {
  args: { schema: imageFilter },
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File(['not a picture'], 'notes.png', { type: 'image/png' }));
    await expect(await within(canvasElement).findByText('notes.png')).toBeVisible();
    await waitFor(() => expect(canvasElement.querySelector('[data-slot="file-preview"] img')).toBeNull());
    await expect(canvasElement.querySelector('[data-slot="file-preview"] svg')).not.toBeNull();
  },
};

/** Files can go to your storage instead of inline: `uploadFile` returns the URL to send. */
export const UploadFile: Story = {
  args: {
    schema: imageFilter,
    uploadFile: async (file: File) => `https://files.example.com/${encodeURIComponent(file.name)}`,
  },
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File(['x'], 'cat.png', { type: 'image/png' }));
    await expect(await within(canvasElement).findByText('cat.png')).toBeVisible();
  },
};

/** Nested objects, arrays of strings, numbers, files and objects, nullable values, every enum form, JSON. */
export const KitchenSink: Story = {
  args: { schema: kitchenSinkSchema },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const tags = canvas.getByRole('group', { name: /Tags/ });
    await userEvent.click(within(tags).getByRole('button', { name: 'Add tags' }));
    const second = within(tags).getByLabelText(/^Tags 2/);
    await expect(second).toHaveFocus();
    await userEvent.type(second, 'sea');
    await userEvent.click(within(tags).getByRole('button', { name: 'Move Tags 2 up' }));
    await expect(within(tags).getByLabelText(/^Tags 1/)).toHaveValue('sea');
    await expect(within(tags).getByRole('button', { name: 'Move Tags 1 down' })).toHaveFocus();
    await userEvent.click(within(tags).getByRole('button', { name: 'Remove Tags 2' }));
    await expect(within(tags).queryByLabelText(/^Tags 2/)).toBeNull();

    const path = canvas.getByRole('group', { name: 'Path' });
    await userEvent.click(within(path).getByRole('button', { name: 'Add path' }));
    await expect(within(path).getByRole('group', { name: 'Path 1' })).toBeVisible();

    const metadata = canvas.getByLabelText('Metadata');
    await userEvent.type(metadata, '{{"a": ');
    await userEvent.tab();
    await expect(await canvas.findByText(/Invalid JSON/)).toBeVisible();

    await userEvent.type(canvas.getByLabelText(/^Title/), 'lowercase');
    await userEvent.click(canvas.getByRole('button', { name: /Run/ }));
    await expect(await canvas.findByText('Not in the expected format')).toBeVisible();
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** A hundred fields of every kind. */
export const HundredFields: Story = { args: { schema: hundredFieldSchema } };

/** Issues from a 422 answer land on their fields; focus moves to the first one. */
export const ServerIssues: Story = {
  args: {
    schema: imageGenerator,
    defaultValue: { prompt: 'A red fox', width: 768, height: 768, num_outputs: 4, style: 'mosaic' },
    issues: issuesFromValidationDetail([
      {
        loc: ['body', 'input', 'num_outputs'],
        msg: 'Input should be less than or equal to 2 on this plan',
        type: 'less_than_equal',
      },
      { loc: ['body', 'model'], msg: 'Model is paused', type: 'value_error' },
    ]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByRole('spinbutton', { name: /^Number of outputs/ });
    await waitFor(() => expect(field).toHaveFocus());
    await expect(field).toHaveAccessibleDescription(/less than or equal to 2/);
    await expect(canvas.getByText('Model is paused')).toBeVisible();
    await userEvent.clear(field);
    await userEvent.type(field, '2');
    await expect(canvas.queryByText(/less than or equal to 2/)).toBeNull();
  },
};

/** The zod adapter: zod is loaded only when the form first validates. */
export const ZodValidation: Story = {
  args: {
    schema: {
      type: 'object',
      required: ['email'],
      properties: { email: { type: 'string', format: 'email', title: 'Email' } },
    },
    validate: zodValidator(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Email/), 'not-an-email');
    await userEvent.keyboard('{Enter}');
    // zod is loaded on the first validation: on a busy machine that takes more than a second
    await expect(await canvas.findByText(/Invalid email/i, {}, { timeout: 10_000 })).toBeVisible();
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

export const Disabled: Story = { args: { schema: imageGenerator, disabled: true } };

export const Submitting: Story = {
  args: { schema: textGenerator, submitting: true, defaultValue: { prompt: 'Hello' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: /Run/ })).toBeDisabled();
  },
};

function StarsWidget({ id, value, onChange, describedBy, field }: WidgetProps) {
  const n = typeof value === 'number' ? value : 0;
  return (
    <div
      id={id}
      role="radiogroup"
      aria-label={field.label}
      aria-describedby={describedBy}
      style={{ display: 'flex', gap: 4 }}
    >
      {[1, 2, 3, 4, 5].map((i) => (
        // biome-ignore lint/a11y/useSemanticElements: a story's example of a custom widget, kept short.
        <button
          key={i}
          type="button"
          role="radio"
          aria-checked={n === i}
          aria-label={`${i} stars`}
          onClick={() => onChange(i)}
        >
          {i <= n ? '★' : '☆'}
        </button>
      ))}
    </div>
  );
}

/** A widget override by field name. */
export const CustomWidget: Story = {
  args: {
    schema: {
      type: 'object',
      properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, note: { type: 'string' } },
    },
    widgets: { rating: Object.assign(StarsWidget, { group: true }) },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: '4 stars' }));
    await userEvent.click(canvas.getByRole('button', { name: /Run/ }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledWith({ rating: 4 }));
  },
};

function Controlled({ schema }: { schema: JsonSchema }) {
  const [value, setValue] = useState<FormValue>({ prompt: 'Once upon a time', max_tokens: 32 });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <SchemaForm schema={schema} value={value} onChange={setValue} />
      <pre data-testid="value" style={{ fontSize: 12 }}>
        {JSON.stringify(value)}
      </pre>
    </div>
  );
}

/** A controlled form: the value lives in the parent. */
export const ControlledValue: Story = {
  render: (args) => <Controlled schema={args.schema} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Reset' }));
    await expect(canvas.getByTestId('value')).toHaveTextContent('"max_tokens":128');
  },
};

const malformed: Record<string, unknown> = {
  'Not an object': ['type', 'object'],
  'Unresolvable $ref': { type: 'object', properties: { style: { $ref: '#/$defs/Missing' } } },
  'Circular $ref': {
    type: 'object',
    $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
    properties: { tree: { $ref: '#/$defs/Node' } },
  },
  'Properties not an object': { type: 'object', properties: ['prompt'] },
};

/** Schemas that cannot become a form say what is wrong, without crashing the page. */
export const MalformedSchemas: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 12 }}>
      {Object.entries(malformed).map(([name, schema]) => (
        <section key={name} aria-label={name}>
          <SchemaForm schema={schema as JsonSchema} />
        </section>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const alerts = within(canvasElement).getAllByRole('alert');
    await expect(alerts).toHaveLength(4);
    await expect(alerts[1]).toHaveTextContent('Cannot resolve $ref "#/$defs/Missing" (at style)');
    await expect(alerts[2]).toHaveTextContent('Circular $ref "#/$defs/Node"');
  },
};

/**
 * A Cog image model's form: `$ref` enums without Cog's "An enumeration." help text, a secret left
 * empty so the model's real default applies, a deprecated input, and a newline-separated list in a
 * textarea. Its pattern error is said in words.
 */
export const CogImageModel: Story = {
  args: { schema: cogImage, defaultValue: { prompt: 'a lighthouse at dusk' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByText('An enumeration.')).toBeNull();
    const token = canvas.getByLabelText(/^Hf token/);
    await expect(token).toHaveAttribute('type', 'password');
    await expect(token).toHaveValue('');
    await expect(canvas.getByRole('spinbutton', { name: /^Lora scale/ })).toHaveAccessibleDescription(
      /^Deprecated/,
    );
    const loras = canvas.getByLabelText(/^Extra loras/);
    await userEvent.type(loras, 'https://weights.example.com/a{Enter}https://weights.example.com/b');
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await userEvent.type(canvas.getByLabelText(/^Trigger word/), 'My Style');
    await userEvent.click(canvas.getByRole('button', { name: /Run/ }));
    await expect(await canvas.findByText('Use only lowercase letters, digits and hyphens')).toBeVisible();
    await userEvent.clear(canvas.getByLabelText(/^Trigger word/));
    await userEvent.type(canvas.getByLabelText(/^Trigger word/), 'my-style');
    await userEvent.click(canvas.getByRole('button', { name: /Run/ }));
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        extra_loras: 'https://weights.example.com/a\nhttps://weights.example.com/b',
        trigger_word: 'my-style',
      }),
    );
    await expect(args.onSubmit).not.toHaveBeenCalledWith(
      expect.objectContaining({ hf_token: expect.anything() }),
    );
  },
};

/** An older Cog model's form: parameter names as titles read as titles, a plain secret's default not printed. */
export const CogTextModel: Story = {
  args: { schema: cogText },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('radiogroup', { name: /^Output type/ })).toBeVisible();
    await expect(canvas.getByRole('spinbutton', { name: /^Max new tokens/ })).toBeVisible();
    await expect(canvasElement).not.toHaveTextContent('sk-demo-key');
  },
};

/** A required number with bounds and no value yet: its slider shows no chosen value. */
export const EmptyRequiredNumber: Story = {
  args: {
    schema: {
      type: 'object',
      required: ['strength'],
      properties: { strength: { type: 'integer', title: 'Strength', minimum: 1, maximum: 10 } },
    },
  },
  play: async ({ canvasElement }) => {
    const slider = within(canvasElement).getByRole('slider', { name: /^Strength/ });
    await expect(slider).toHaveAttribute('data-empty');
    await expect(slider).toHaveAttribute('aria-valuetext', 'Not set');
  },
};

export const KitchenSinkDark: Story = { args: { schema: kitchenSinkSchema }, globals: { theme: 'dark' } };
