import { describe, expect, it } from 'vitest';
import { parseSchema } from './parseSchema';
import { schemasFromOpenApi } from './schemasFromOpenApi';

const document = {
  openapi: '3.0.2',
  components: {
    schemas: {
      Input: {
        type: 'object',
        properties: { scheduler: { allOf: [{ $ref: '#/components/schemas/scheduler' }], default: 'DDIM' } },
      },
      Output: { type: 'array', items: { type: 'string' }, 'x-cog-array-type': 'iterator' },
      scheduler: { type: 'string', enum: ['DDIM', 'K_EULER'], description: 'An enumeration.' },
    },
  },
};

describe('schemasFromOpenApi', () => {
  it('lifts Input and Output out of a Cog document, with its schemas in $defs and refs pointing there', () => {
    const schemas = schemasFromOpenApi(document);
    expect(schemas?.input.properties).toEqual({
      scheduler: { allOf: [{ $ref: '#/$defs/scheduler' }], default: 'DDIM' },
    });
    expect(schemas?.output).toMatchObject({ type: 'array', 'x-cog-array-type': 'iterator' });
    expect(document.components.schemas.Input.properties.scheduler.allOf[0]?.$ref).toBe(
      '#/components/schemas/scheduler',
    );
  });

  it('reads the same with either form of reference: one resolver for both', () => {
    const lifted = parseSchema(schemasFromOpenApi(document)?.input);
    const inPlace = parseSchema({ ...document.components.schemas.Input, components: document.components });
    expect(inPlace.map(({ schema: _, ...f }) => f)).toEqual(lifted.map(({ schema: _, ...f }) => f));
    expect(lifted[0]).toMatchObject({ kind: 'enum', default: 'DDIM', description: undefined });
  });

  it('is undefined for anything without an Input', () => {
    expect(schemasFromOpenApi({ components: { schemas: {} } })).toBeUndefined();
    expect(schemasFromOpenApi(null)).toBeUndefined();
  });
});
