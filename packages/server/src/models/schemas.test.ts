import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { demoModels } from './index';
import { assertValid } from './testContext';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Schema = Record<string, unknown>;

describe.each(demoModels.map((model) => [model.name, model] as const))('%s', (_name, model) => {
  it('has complete catalog metadata', () => {
    expect(model.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(model.description.length).toBeGreaterThan(20);
    expect(model.description).not.toContain('\n');
    expect(model.overview.split('\n\n').length).toBeGreaterThanOrEqual(3);
    expect(model.categories.length).toBeGreaterThan(0);
    for (const category of model.categories) expect(category.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(model.hardware).toEqual({ identifier: 'cpu', name: 'CPU' });
    expect(model.created_at).toMatch(TIMESTAMP);
    expect(model.versions.map((v) => v.number)).toEqual(model.versions.map((_, i) => i + 1));
    for (const version of model.versions) {
      expect(version.created_at).toMatch(TIMESTAMP);
      expect(version.created_at >= model.created_at).toBe(true);
      expect(version.release_notes.length).toBeGreaterThan(10);
      expect(version.setupMs).toBeGreaterThanOrEqual(200);
      expect(version.setupMs).toBeLessThanOrEqual(1500);
    }
  });

  describe.each(model.versions.map((version) => [version.number, version] as const))(
    'version %i',
    (_n, version) => {
      const input = version.input as Schema;
      const properties = input.properties as Record<string, Schema>;

      it('has a Cog-style input schema: titled, described, ordered properties', () => {
        expect(input.type).toBe('object');
        expect(input.title).toBe('Input');
        for (const key of (input.required as string[] | undefined) ?? [])
          expect(properties).toHaveProperty(key);
        const orders = Object.values(properties).map((p) => p['x-order']);
        expect(orders.every((order) => Number.isInteger(order))).toBe(true);
        expect([...orders].sort((a, b) => (a as number) - (b as number))).toEqual(orders.map((_, i) => i));
        for (const [key, property] of Object.entries(properties)) {
          expect(property.title, key).toEqual(expect.any(String));
          expect(property.description, key).toEqual(expect.any(String));
        }
      });

      it('has defaults that are valid values of their own properties', () => {
        for (const [key, property] of Object.entries(properties)) {
          if (!('default' in property)) continue;
          const standalone = { ...property, $defs: input.$defs };
          expect(() => assertValid(standalone, property.default), key).not.toThrow();
        }
      });

      it('has no optional property without a default, so the runner always fills a value', () => {
        const required = new Set((input.required as string[] | undefined) ?? []);
        for (const [key, property] of Object.entries(properties)) {
          if (!required.has(key)) expect(property, key).toHaveProperty('default');
        }
      });

      it('rejects inputs that break the schema', () => {
        const validator = new Validator(input, '2020-12');
        expect(validator.validate({}).valid).toBe((input.required as string[] | undefined) === undefined);
        expect(
          validator.validate({ ...Object.fromEntries(Object.keys(properties).map((k) => [k, {}])) }).valid,
        ).toBe(false);
      });

      it('has a titled output schema', () => {
        const output = version.output as Schema;
        expect(output.title).toBe('Output');
        expect(() => new Validator(output, '2020-12').validate(null)).not.toThrow();
      });
    },
  );
});

describe('the catalog', () => {
  it('has eight uniquely named models', () => {
    expect(demoModels.map((m) => m.name)).toEqual([
      'echo',
      'text-generator',
      'image-generator',
      'image-filter',
      'tone-synth',
      'sentiment',
      'slow-task',
      'unreliable',
    ]);
  });

  it('uses the Cog shapes a form generator must handle: $ref enums, nullable fields, media URIs', () => {
    const inputs = demoModels.flatMap((m) => m.versions.map((v) => JSON.stringify(v.input)));
    const outputs = demoModels.flatMap((m) => m.versions.map((v) => JSON.stringify(v.output)));
    expect(inputs.some((s) => s.includes('"allOf":[{"$ref":"#/$defs/'))).toBe(true);
    expect(inputs.some((s) => s.includes('{"type":"null"}'))).toBe(true);
    expect(inputs.some((s) => s.includes('"contentMediaType":"image/*"'))).toBe(true);
    for (const media of ['image/png', 'audio/wav']) {
      expect(outputs.some((s) => s.includes(`"format":"uri","contentMediaType":"${media}"`))).toBe(true);
    }
  });
});
