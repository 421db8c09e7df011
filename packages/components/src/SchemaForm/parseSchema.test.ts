import { describe, expect, it } from 'vitest';
import {
  hundredFieldSchema,
  imageFilterSchema,
  imageGenerationSchema,
  kitchenSinkSchema,
  textGenerationSchema,
} from '../fixtures/schemas';
import { humanize, type ParsedField, parseSchema } from './parseSchema';
import { SchemaError } from './SchemaError';

const field = (fields: ParsedField[], name: string) => {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};
const one = (schema: Record<string, unknown>, required = false) =>
  field(parseSchema({ type: 'object', properties: { f: schema }, required: required ? ['f'] : [] }), 'f');

describe('parseSchema: kinds', () => {
  it.each([
    [{ type: 'string' }, 'text'],
    [{ type: 'string', maxLength: 201 }, 'textarea'],
    [{ type: 'string', maxLength: 200 }, 'text'],
    [{ type: 'string', format: 'password' }, 'password'],
    [{ type: 'string', format: 'uri' }, 'file'],
    [{ type: 'string', contentMediaType: 'audio/wav' }, 'file'],
    [{ type: 'number' }, 'number'],
    [{ type: 'integer' }, 'integer'],
    [{ type: 'boolean' }, 'boolean'],
    [{ enum: ['a', 'b'] }, 'enum'],
    [{ const: 'only' }, 'enum'],
    [{ type: 'array', items: { type: 'string' } }, 'array'],
    [{ type: 'object', properties: { a: { type: 'string' } } }, 'object'],
    [{ type: 'object' }, 'json'],
    [{ type: ['string', 'number'] }, 'json'],
    [{}, 'json'],
    [{ properties: { a: {} } }, 'object'],
    [{ items: { type: 'number' } }, 'array'],
  ])('%j is %s', (schema, kind) => {
    expect(one(schema).kind).toBe(kind);
  });

  it('gives long-text names and titles a textarea', () => {
    const fields = parseSchema({
      type: 'object',
      properties: {
        prompt: { type: 'string' },
        negative_prompt: { type: 'string' },
        text: { type: 'string' },
        description: { type: 'string' },
        text_color: { type: 'string' },
        other: { type: 'string', title: 'System prompt' },
      },
    });
    expect(fields.map((f) => f.kind)).toEqual([
      'textarea',
      'textarea',
      'textarea',
      'textarea',
      'text',
      'textarea',
    ]);
  });

  it('sets input types from formats and accept from contentMediaType', () => {
    expect(one({ type: 'string', format: 'email' }).inputType).toBe('email');
    expect(one({ type: 'string', format: 'date' }).inputType).toBe('date');
    expect(one({ type: 'string', format: 'uri', contentMediaType: 'image/*' }).accept).toBe('image/*');
    // Cog's form: a list of media types, or one text.
    expect(one({ type: 'string', format: 'uri', 'x-cog-accept': ['image/png', 'image/jpeg'] }).accept).toBe(
      'image/png,image/jpeg',
    );
    expect(one({ type: 'string', format: 'uri', 'x-cog-accept': 'audio/*' }).accept).toBe('audio/*');
    // What is not a media type is left out, rather than let an empty entry take a file of any type.
    expect(one({ type: 'string', format: 'uri', 'x-cog-accept': [null, 'image/png', {}] }).accept).toBe(
      'image/png',
    );
    expect(one({ type: 'string', format: 'uri', 'x-cog-accept': [null] }).accept).toBeUndefined();
    expect(one({ type: 'string', format: 'uri' }).accept).toBeUndefined();
  });
});

describe('parseSchema: order, labels, hints', () => {
  it('orders by x-order, then by properties order', () => {
    const fields = parseSchema({
      type: 'object',
      properties: {
        c: { type: 'string' },
        b: { type: 'string', 'x-order': 1 },
        a: { type: 'string' },
        d: { type: 'string', 'x-order': 0 },
      },
    });
    expect(fields.map((f) => f.name)).toEqual(['d', 'b', 'c', 'a']);
    expect(parseSchema(textGenerationSchema).map((f) => f.name)).toEqual([
      'prompt',
      'system_prompt',
      'max_tokens',
      'temperature',
      'seed',
    ]);
  });

  it('labels from the title, or from the key made readable', () => {
    expect(humanize('max_tokens')).toBe('Max tokens');
    expect(humanize('maxTokens')).toBe('Max tokens');
    expect(humanize('num-outputs')).toBe('Num outputs');
    expect(one({ type: 'string', title: 'The Prompt' }).label).toBe('The Prompt');
    expect(one({ type: 'string' }).label).toBe('F');
  });

  it('does not borrow the title of a shared definition', () => {
    const width = field(parseSchema(imageGenerationSchema), 'width');
    expect(width.label).toBe('Width');
    expect(field(parseSchema(imageGenerationSchema), 'style').description).toBe('The look of the picture.');
  });

  it('writes constraint hints', () => {
    expect(one({ type: 'integer', minimum: 1, maximum: 4, default: 1 }).hint).toBe('1–4 · default 1');
    expect(one({ type: 'integer', minimum: 1 }).hint).toBe('≥ 1');
    expect(one({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }).hint).toBe('> 0, < 1');
    expect(one({ type: 'string', maxLength: 200 }).hint).toBe('≤ 200 characters');
    expect(one({ type: 'string', minLength: 2, maxLength: 9 }).hint).toBe('2–9 characters');
    // One bound of 1 counts one.
    expect(one({ type: 'string', minLength: 1 }).hint).toBe('≥ 1 character');
    expect(one({ type: 'string', minLength: 1, maxLength: 1 }).hint).toBe('1 character');
    expect(one({ type: 'array', items: {}, maxItems: 1 }).hint).toBe('≤ 1 item');
    expect(one({ type: 'array', items: {}, minItems: 1, maxItems: 4 }).hint).toBe('1–4 items');
    expect(one({ type: 'string', default: 'x'.repeat(40) }).hint).toBe('');
    expect(one({ oneOf: [{ const: 1, title: 'One' }], default: 1 }).hint).toBe('default One');
    // an empty list or object says nothing worth a word
    expect(one({ type: 'array', items: { type: 'string' }, default: [] }).hint).toBe('');
    expect(one({ type: 'object', default: {} }).hint).toBe('');
    expect(one({ type: 'array', items: { type: 'string' }, default: ['a'] }).hint).toBe('default ["a"]');
  });

  it('keeps descriptions, defaults and required', () => {
    const f = one({ type: 'number', description: 'How hot', default: 0.5 }, true);
    expect(f).toMatchObject({ description: 'How hot', default: 0.5, hasDefault: true, required: true });
    expect(one({ type: 'number' })).toMatchObject({ hasDefault: false, required: false });
  });

  it('reads draft-4 boolean exclusive bounds', () => {
    const f = one({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 });
    expect(f).toMatchObject({ exclusiveMinimum: 0, minimum: undefined, maximum: 1 });
  });
});

describe('parseSchema: enums, refs, nullable', () => {
  it('reads enums through $ref, allOf of one member, and oneOf/anyOf of consts with titles', () => {
    const fields = parseSchema(kitchenSinkSchema);
    expect(field(fields, 'quality').options?.map((o) => o.value)).toEqual([
      'draft',
      'standard',
      'high',
      'ultra',
      'studio',
    ]);
    expect(field(fields, 'sampler').options).toEqual([
      { value: 'euler', label: 'Euler' },
      { value: 'dpm', label: 'DPM++ 2M' },
    ]);
    const size = field(parseSchema(imageGenerationSchema), 'width');
    expect(size).toMatchObject({ kind: 'enum', default: 768 });
    expect(size.options?.map((o) => o.value)).toEqual([512, 768, 1024]);
    expect(field(parseSchema(imageFilterSchema), 'filter').options?.map((o) => o.label)).toEqual([
      'Grayscale',
      'Sepia',
      'Invert',
    ]);
  });

  it('reads oneOf members that are $refs to consts', () => {
    const f = field(
      parseSchema({
        type: 'object',
        $defs: { A: { const: 'a', title: 'Ay' }, B: { const: 'b' } },
        properties: { x: { oneOf: [{ $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }] } },
      }),
      'x',
    );
    expect(f.options).toEqual([
      { value: 'a', label: 'Ay' },
      { value: 'b', label: 'b' },
    ]);
  });

  it('unwraps every form of nullable', () => {
    expect(one({ anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }], default: null })).toMatchObject({
      kind: 'integer',
      nullable: true,
      minimum: 0,
      default: null,
    });
    expect(one({ type: ['string', 'null'] })).toMatchObject({ kind: 'text', nullable: true });
    expect(one({ enum: ['a', null] })).toMatchObject({
      kind: 'enum',
      nullable: true,
      options: [{ value: 'a', label: 'a' }],
    });
    expect(one({ type: 'string', nullable: true })).toMatchObject({ nullable: true });
    expect(one({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] })).toMatchObject({
      kind: 'json',
      nullable: true,
    });
  });

  it('merges allOf members and their properties', () => {
    const f = one({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { properties: { b: { type: 'number' } } },
      ],
    });
    expect(f.fields?.map((x) => x.name)).toEqual(['a', 'b']);
  });

  it('resolves a $ref at the root and JSON pointers with escapes', () => {
    const fields = parseSchema({
      $ref: '#/definitions/In~1put',
      definitions: { 'In/put': { type: 'object', properties: { a: { type: 'boolean' } } } },
    });
    expect(fields.map((f) => f.kind)).toEqual(['boolean']);
  });
});

describe('parseSchema: nesting', () => {
  it('parses nested objects, arrays of objects, arrays of files', () => {
    const fields = parseSchema(kitchenSinkSchema);
    const settings = field(fields, 'settings');
    expect(settings.kind).toBe('object');
    expect(settings.fields?.map((f) => f.name)).toEqual(['steps', 'scheduler', 'advanced']);
    expect(field(settings.fields ?? [], 'advanced').fields?.map((f) => f.kind)).toEqual([
      'boolean',
      'integer',
    ]);
    const path = field(fields, 'path');
    expect(path.item).toMatchObject({ kind: 'object', required: true, label: 'Path' });
    expect(path.item?.fields?.map((f) => [f.name, f.required])).toEqual([
      ['x', true],
      ['y', true],
    ]);
    expect(field(fields, 'references').item).toMatchObject({ kind: 'file', accept: 'image/*' });
    expect(field(fields, 'tags')).toMatchObject({ minItems: 1, maxItems: 5, item: { kind: 'text' } });
  });

  it('parses a hundred fields', () => {
    expect(parseSchema(hundredFieldSchema)).toHaveLength(100);
  });

  it('accepts a schema with no properties', () => {
    expect(parseSchema({ type: 'object' })).toEqual([]);
  });
});

describe('parseSchema: malformed schemas', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 'nope', 'The schema must be a JSON object, got a string'],
    ['null', null, 'The schema must be a JSON object, got null'],
    ['an array', [], 'The schema must be a JSON object, got an array'],
    [
      'a non-object type',
      { type: 'string' },
      'The input schema must describe an object, but its type is "string"',
    ],
    [
      'properties not an object',
      { type: 'object', properties: [1] },
      '"properties" must be an object, got an array',
    ],
    [
      'an unresolvable $ref',
      { type: 'object', properties: { style: { $ref: '#/$defs/Missing' } } },
      'Cannot resolve $ref "#/$defs/Missing" (at style)',
    ],
    [
      'a remote $ref',
      { type: 'object', properties: { a: { $ref: 'https://example.com/s.json' } } },
      'Cannot resolve $ref "https://example.com/s.json" (at a)',
    ],
    [
      'a circular $ref',
      {
        type: 'object',
        $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
        properties: { tree: { $ref: '#/$defs/Node' } },
      },
      'Circular $ref "#/$defs/Node": the schema contains itself (at tree.child)',
    ],
    [
      'a circular $ref through allOf and items',
      {
        type: 'object',
        $defs: {
          N: {
            type: 'object',
            properties: { kids: { type: 'array', items: { allOf: [{ $ref: '#/$defs/N' }] } } },
          },
        },
        properties: { root: { allOf: [{ $ref: '#/$defs/N' }] } },
      },
      'Circular $ref "#/$defs/N": the schema contains itself (at root.kids[])',
    ],
    ['a $ref to itself at the root', { $ref: '#' }, 'Circular $ref "#"'],
    [
      'a property that is not a schema',
      { type: 'object', properties: { a: 5 } },
      'Expected a schema object, got a number (at a)',
    ],
    [
      'a $ref that is not a string',
      { type: 'object', properties: { a: { $ref: 1 } } },
      '"$ref" must be a string, got a number (at a)',
    ],
  ];
  it.each(cases)('%s: a clear SchemaError', (_, schema, message) => {
    let error: unknown;
    try {
      parseSchema(schema);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).name).toBe('SchemaError');
    expect((error as SchemaError).message).toContain(message);
  });

  it('accepts a tree that reuses a definition without containing itself', () => {
    const fields = parseSchema({
      type: 'object',
      $defs: { P: { type: 'number' } },
      properties: {
        a: { $ref: '#/$defs/P' },
        b: { $ref: '#/$defs/P' },
        c: { type: 'array', items: { $ref: '#/$defs/P' } },
      },
    });
    expect(fields.map((f) => f.kind)).toEqual(['number', 'number', 'array']);
  });

  it('tolerates a strange required list and pattern', () => {
    expect(
      parseSchema({ type: 'object', required: 'a', properties: { a: { type: 'string' } } })[0]?.required,
    ).toBe(false);
  });
});
