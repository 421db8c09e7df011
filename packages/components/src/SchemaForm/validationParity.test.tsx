import '@testing-library/jest-dom/vitest';
import { createPrediction, ValidationError } from '@predictkit/core';
import { schemasFromOpenApi } from '@predictkit/core/schema';
import { type DemoModel, demoModels } from '@predictkit/server';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cogImageDocument } from '../fixtures/cogSchemas';
import { createLocalServerKit, type LocalApi } from '../stories/withLocalServer';
import { type FormValue, toSubmitValue } from './formValue';
import { parseSchema } from './parseSchema';
import { SchemaForm } from './SchemaForm';
import { validateInput } from './validateInput';

const schemas = schemasFromOpenApi(cogImageDocument);
if (!schemas) throw new Error('the Cog fixture has no Input');
const { input: schema, output } = schemas;
const fields = parseSchema(schema);

// A model of the local server whose version publishes the Cog schema. It runs echo, but a bad input
// never reaches it: both surfaces answer 422 before anything is created.
const echo = demoModels.find((m) => m.name === 'echo') as DemoModel;
const cogModel: DemoModel = {
  ...echo,
  name: 'cog-image',
  versions: [{ ...(echo.versions[0] as DemoModel['versions'][number]), input: schema, output }],
};
const kits = { wriftai: createLocalServerKit({ models: [cogModel] }, 'wriftai') };
const replicateKit = createLocalServerKit({ models: [cogModel] }, 'replicate');
const kitOf = (api: LocalApi) => (api === 'wriftai' ? kits.wriftai : replicateKit);
afterAll(async () => {
  await kits.wriftai.close();
  await replicateKit.close();
});
afterEach(cleanup);

/** Bad inputs of every kind the schema can refuse, each as the form would send it. */
const CASES: [string, FormValue][] = [
  ['a required field left out', { width: 512 }],
  ['text that is a number', { prompt: 5 }],
  ['a whole number below its minimum', { prompt: 'x', width: 128 }],
  ['a whole number above its maximum and off its step', { prompt: 'x', width: 1030 }],
  ['a fraction for a whole number', { prompt: 'x', num_outputs: 2.5 }],
  ['text for a number', { prompt: 'x', guidance_scale: 'high' }],
  ['a number below its minimum', { prompt: 'x', guidance_scale: 0.5 }],
  ['an option of a $ref enum that is not one', { prompt: 'x', scheduler: 'Euler' }],
  ['an option of an inline enum that is not one', { prompt: 'x', output_format: 'gif' }],
  ['a nullable text that is a number', { prompt: 'x', negative_prompt: 7 }],
  ['a nullable whole number that is a fraction', { prompt: 'x', seed: 1.5 }],
  ['a file that is no URL', { prompt: 'x', image: 'http://[bad' }],
  ['text that does not fit its pattern', { prompt: 'x', trigger_word: 'My Style' }],
  ['a switch that is text', { prompt: 'x', disable_safety_checker: 'yes' }],
  ['a nested field out of range', { prompt: 'x', settings: { steps: 0, sampler: 'euler' } }],
  ['a list too long, with an item too short', { prompt: 'x', stop_words: ['a', 'b', 'c', ''] }],
  ['a deprecated number out of range', { prompt: 'x', lora_scale: 2 }],
];

const key = (path: readonly (string | number)[]) => path.map(String).join('.');

/** The form's words for an input, by field: what its validation finds, as `SchemaForm` runs it. */
function formIssues(value: FormValue): [string, string][] {
  return validateInput(fields, toSubmitValue(fields, value))
    .map((i): [string, string] => [key(i.path), i.message])
    .sort();
}

/** The server's words for the same input, through core's client: its `422` as a `ValidationError`. */
async function serverIssues(api: LocalApi, value: FormValue): Promise<[string, string][]> {
  const error = await createPrediction(kitOf(api).client, {
    model: 'predictkit/cog-image',
    input: toSubmitValue(fields, value),
    validateInput: true,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i): [string, string] => [key(i.path), i.message]).sort();
}

describe('one set of words: the form and the local server judge a bad input alike', () => {
  it.each(CASES)('%s', async (_, value) => {
    const form = formIssues(value);
    expect(form.length).toBeGreaterThan(0);
    expect(await serverIssues('wriftai', value)).toEqual(form);
    expect(await serverIssues('replicate', value)).toEqual(form);
  });

  it('shows the server’s words on the form’s fields when the form checks the input itself', async () => {
    const value = { prompt: 'x', width: 128, trigger_word: 'My Style', settings: { steps: 0 } };
    render(<SchemaForm schema={schema} defaultValue={value} />);
    await userEvent.click(screen.getByRole('button', { name: /Run/ }));
    const shown = screen
      .getAllByText((_, node) => node?.getAttribute('data-slot') === 'form-error')
      .map((node) => node.textContent);
    const server = await serverIssues('wriftai', value);
    expect(shown.sort()).toEqual(server.map(([, message]) => message).sort());
    const width = screen.getByRole('spinbutton', { name: /^Width/ });
    expect(width).toHaveAccessibleDescription(/Must be at least 256/);
    const trigger = screen.getByRole('textbox', { name: /^Trigger word/ });
    expect(
      within(trigger.closest('[data-slot=form-field]') as HTMLElement).getByText(/Use only/),
    ).toBeVisible();
  });

  it('keeps the pattern for developers beside the words', () => {
    const [issue] = validateInput(fields, { prompt: 'x', trigger_word: 'My Style' });
    expect(issue).toEqual({
      path: ['trigger_word'],
      message: 'Use only lowercase letters, digits and hyphens',
      type: 'string_pattern_mismatch',
      ctx: { pattern: '^[a-z0-9-]+$' },
    });
  });
});
