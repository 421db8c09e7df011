import type { ModelFields } from '../../registry/Registry';
import { FieldReader } from './FieldReader';

/** Lowercase letters and digits, with single `-` or `_` inside: one path segment, no dots, one spelling. */
const NAME = {
  regex: /^[a-z0-9](?:[a-z0-9]|[-_](?=[a-z0-9])){0,99}$/,
  source: '^[a-z0-9]+([-_][a-z0-9]+)*$',
};

const FIELDS = [
  'name',
  'hardware_identifier',
  'visibility',
  'description',
  'overview',
  'source_url',
  'license_url',
  'paper_url',
  'category_slugs',
] as const;

/**
 * The body of `POST /models` (`partial: false`: `name` and `hardware_identifier` required, the
 * rest defaulted) or of `PATCH /models/{owner}/{name}` (any of the same fields, only those sent).
 * Whether the hardware and categories exist is the registry's to say.
 */
export function parseModelFields(body: unknown, partial: false): ModelFields;
export function parseModelFields(body: unknown, partial: true): Partial<ModelFields>;
export function parseModelFields(body: unknown, partial: boolean): Partial<ModelFields> {
  const fields = new FieldReader(body, FIELDS);
  const parsed: Partial<ModelFields> = {
    name: fields.text('name', { required: !partial, min: 1, max: 100, pattern: NAME }) ?? undefined,
    hardware_identifier:
      fields.text('hardware_identifier', { required: !partial, min: 1, max: 100 }) ?? undefined,
    visibility: fields.choice('visibility', ['private', 'public'] as const),
    description: fields.text('description', { nullable: true, max: 1000 }),
    overview: fields.text('overview', { nullable: true, max: 50_000 }),
    source_url: fields.url('source_url'),
    license_url: fields.url('license_url'),
    paper_url: fields.url('paper_url'),
    category_slugs: fields.list('category_slugs', 20, { max: 100 }),
  };
  fields.done();
  const sent = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
  if (partial) return sent;
  return {
    visibility: 'private',
    description: null,
    overview: null,
    source_url: null,
    license_url: null,
    paper_url: null,
    category_slugs: [],
    ...sent,
  };
}
