import { humanize, parseSchema } from '@predictkit/components';
import type { JsonSchema } from '@predictkit/core';
import { useId, useMemo } from 'react';
import type { ModelExample } from '../app/modelExamples';

/**
 * One value as a line shows it: a `data:` file by its media type (its bytes would fill the card, and
 * a screen reader would read them all), text as it is, anything else as JSON.
 */
const shown = (value: unknown): string =>
  typeof value !== 'string'
    ? JSON.stringify(value)
    : value.startsWith('data:')
      ? `file (${value.slice(5, value.search(/[;,]/)) || 'data'})`
      : value;

/** An input's values in a line, labelled as the form labels them: "Prompt: a lighthouse · Seed: 7". */
export function summary(input: Record<string, unknown>, labels: Map<string, string>): string {
  return Object.entries(input)
    .map(([name, value]) => `${labels.get(name) ?? humanize(name)}: ${shown(value)}`)
    .join(' · ');
}

/**
 * A model's examples as buttons: one press fills the form with it (the rest of the form back to its
 * defaults), ready to run or to change, as a Gradio app's examples do.
 */
export function ExampleList({
  examples,
  schema,
  onUse,
}: {
  examples: ModelExample[];
  schema: JsonSchema | null | undefined;
  onUse(input: Record<string, unknown>): void;
}) {
  const id = useId();
  const labels = useMemo(() => {
    try {
      return new Map(schema ? parseSchema(schema).map((f) => [f.name, f.label]) : []);
    } catch {
      return new Map<string, string>();
    }
  }, [schema]);
  return (
    <section className="examples" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="examples-title">
        Examples
      </h2>
      <ul className="example-list">
        {examples.map((example) => (
          <li key={example.label}>
            <button type="button" className="example" onClick={() => onUse(example.input)}>
              <span className="example-label">{example.label}</span>
              <span className="example-input">{summary(example.input, labels)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
