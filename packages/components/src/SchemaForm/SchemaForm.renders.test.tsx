import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Profiler, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { hundredFieldSchema, kitchenSinkSchema } from '../fixtures/schemas';
import { defaultWidgets } from './defaultWidgets';
import type { Widget, WidgetMap, WidgetProps } from './FormContext';
import type { FormValue } from './formValue';
import { SchemaForm } from './SchemaForm';

afterEach(cleanup);

// Every field draws exactly one widget each time it renders: counting widget renders counts field renders.
let renders: string[] = [];
const counting: WidgetMap = Object.fromEntries(
  Object.entries(defaultWidgets).map(([kind, Inner]) => {
    const Counted: Widget = Object.assign(
      (props: WidgetProps) => {
        renders.push(props.path.join('.'));
        return <Inner {...props} />;
      },
      { group: Inner.group },
    );
    return [kind, Counted];
  }),
);

/** The renders one change causes: of fields (by path), and the commits of the tree. */
function measure(change: () => void, commits: { count: number }) {
  renders = [];
  commits.count = 0;
  change();
  return { fields: [...renders], commits: commits.count };
}

function Controlled() {
  const [value, setValue] = useState<FormValue>({});
  // Written inline, as apps do: a new map and a new function on every render.
  return (
    <SchemaForm
      schema={hundredFieldSchema}
      widgets={{ ...counting }}
      uploadFile={async (file) => `https://files.example.com/${file.name}`}
      value={value}
      onChange={setValue}
    />
  );
}

describe('SchemaForm renders per keystroke', () => {
  it('re-renders only the field a keystroke changed, of a hundred', () => {
    const commits = { count: 0 };
    render(
      <Profiler id="form" onRender={() => commits.count++}>
        <SchemaForm schema={hundredFieldSchema} widgets={counting} />
      </Profiler>,
    );
    expect(renders.length).toBe(100);
    const text = screen.getByLabelText(/^Field 001/);
    const once = measure(() => fireEvent.change(text, { target: { value: 'a' } }), commits);
    expect(once.fields).toEqual(['field_001']);
    expect(once.commits).toBe(1);
    const number = screen.getByRole('spinbutton', { name: /^Field 005/ });
    expect(measure(() => fireEvent.change(number, { target: { value: '7' } }), commits).fields).toEqual([
      'field_005',
    ]);
    expect(text).toHaveValue('a');
    expect(number).toHaveValue(7);
  });

  it('re-renders a nested field and the objects around it, not its siblings', () => {
    render(<SchemaForm schema={kitchenSinkSchema} widgets={counting} />);
    const steps = screen.getByRole('spinbutton', { name: /^Steps/ });
    const { fields } = measure(() => fireEvent.change(steps, { target: { value: '9' } }), { count: 0 });
    expect(fields.sort()).toEqual(['settings', 'settings.steps']);
  });

  it('re-renders only the changed field of a controlled form too, with widgets and uploadFile inline', () => {
    render(<Controlled />);
    const text = screen.getByLabelText(/^Field 006/);
    const { fields } = measure(() => fireEvent.change(text, { target: { value: 'hello' } }), { count: 0 });
    expect(fields).toEqual(['field_006']);
    expect(text).toHaveValue('hello');
  });
});
