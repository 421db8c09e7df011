import type { JsonSchema } from '@predictkit/core';
import { STARTER_EXAMPLES } from './starterExamples';

export interface ModelExample {
  label: string;
  input: Record<string, unknown>;
}

const MAX_EXAMPLES = 4;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The input schema's properties, each as written (examples sit on the property, not on its `$ref`). */
function propertiesOf(schema: JsonSchema | null | undefined): Record<string, Record<string, unknown>> {
  const properties = isRecord(schema) ? (schema as Record<string, unknown>).properties : undefined;
  if (!isRecord(properties)) return {};
  return Object.fromEntries(
    Object.entries(properties).filter((entry): entry is [string, Record<string, unknown>] =>
      isRecord(entry[1]),
    ),
  );
}

/** One input per position in the properties' `examples` lists (JSON Schema 2020-12), a short one where a list ends. */
function fromSchema(properties: Record<string, Record<string, unknown>>): ModelExample[] {
  const lists = Object.entries(properties)
    .map(([name, p]) => [name, Array.isArray(p.examples) ? p.examples : []] as const)
    .filter(([, list]) => list.length > 0);
  const count = Math.min(MAX_EXAMPLES, Math.max(0, ...lists.map(([, list]) => list.length)));
  return Array.from({ length: count }, (_, i) => {
    const input = Object.fromEntries(lists.map(([name, list]) => [name, list[Math.min(i, list.length - 1)]]));
    const first = Object.values(input).find((v) => typeof v === 'string') as string | undefined;
    return { label: first ? shorten(first) : `Example ${i + 1}`, input };
  });
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/**
 * A model's examples: its schema's own (`examples` on the properties), else the playground's saved
 * inputs for the local demo models; each keeps only the fields this version's schema has.
 */
export function modelExamples(ref: string, schema: JsonSchema | null | undefined): ModelExample[] {
  const properties = propertiesOf(schema);
  const own = fromSchema(properties);
  if (own.length) return own;
  return (STARTER_EXAMPLES[ref] ?? [])
    .map(({ label, input }) => ({
      label,
      input: Object.fromEntries(Object.entries(input).filter(([name]) => name in properties)),
    }))
    .filter((example) => Object.keys(example.input).length > 0)
    .slice(0, MAX_EXAMPLES);
}
