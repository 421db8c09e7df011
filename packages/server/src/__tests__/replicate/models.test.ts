import { afterEach, describe, expect, it } from 'vitest';
import { demoModels } from '../../models';
import { R, type ReplicateTestApi, replicateApi } from './replicateTestApi';

let api: ReplicateTestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

/** The parts of a Cog schema these tests read. */
interface SchemaNode {
  [keyword: string]: unknown;
  properties?: Record<string, SchemaNode>;
  allOf?: { $ref: string }[];
  required?: string[];
}
type Schemas = Record<string, SchemaNode>;
interface Version {
  id: string;
  created_at: string;
  cog_version: string;
  openapi_schema: { openapi: string; components: { schemas: Schemas } };
}
interface Model {
  url: string;
  owner: string;
  name: string;
  is_official: boolean;
  run_count: number;
  latest_version: Version;
}
interface Page<T> {
  previous: string | null;
  next: string | null;
  results: T[];
}

describe('models', () => {
  it('lists every demo model with its latest version, in pages with absolute links', async () => {
    api = replicateApi();
    const { body } = await api.json<Page<Model>>(`${R}/models`);
    expect(body.results.map((m) => m.name).sort()).toEqual(demoModels.map((m) => m.name).sort());
    expect(body).toMatchObject({ previous: null, next: null });
    for (const model of body.results) {
      expect(model).toMatchObject({
        owner: 'predictkit',
        visibility: 'public',
        is_official: true,
        run_count: 0,
      });
      expect(model.latest_version.id).toMatch(/^[\da-f]{64}$/);
    }
    const asc = (await api.json<Page<Model>>(`${R}/models?sort_by=model_created_at&sort_direction=asc`)).body;
    const created = asc.results.map((m) => demoModels.find((d) => d.name === m.name)?.created_at as string);
    expect(created).toEqual([...created].sort());
    expect((await api.request(`${R}/models?sort_by=stars`)).status).toBe(422);
  });

  it('gives each version a Cog openapi_schema: Input and Output, enums as components, nullable fields', async () => {
    api = replicateApi();
    for (const demo of demoModels) {
      const model = (await api.json<Model>(`${R}/models/predictkit/${demo.name}`)).body;
      const { openapi, components } = model.latest_version.openapi_schema;
      expect(openapi).toBe('3.0.2');
      const { Input, Output } = components.schemas as Schemas;
      expect(Input).toMatchObject({ type: 'object', title: 'Input' });
      expect(Output).toBeDefined();
      expect(JSON.stringify(components)).not.toMatch(/\$defs|"type":"null"/);
      for (const [name, field] of Object.entries(Input?.properties as Schemas)) {
        expect({ name, order: typeof field['x-order'] }).toEqual({ name, order: 'number' });
        if (field.allOf) {
          // an enum: a ref to its component, and no type or title of its own, as Cog writes them
          expect(field).not.toHaveProperty('type');
          expect(field).not.toHaveProperty('title');
          const ref = String(field.allOf[0]?.$ref).replace('#/components/schemas/', '');
          expect(components.schemas[ref]).toMatchObject({
            title: ref,
            type: 'string',
            description: 'An enumeration.',
          });
        }
      }
    }
    const textGenerator = (await api.json<Model>(`${R}/models/predictkit/text-generator`)).body;
    const schemas = textGenerator.latest_version.openapi_schema.components.schemas as Schemas;
    expect(schemas.Input?.properties?.seed).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 4294967295,
      nullable: true,
      title: 'Seed',
      description: expect.any(String),
      'x-order': 3,
    });
    expect(schemas.Input?.properties?.max_tokens).toMatchObject({ default: 128, minimum: 1, maximum: 1024 });
    expect(schemas.Output).toEqual({
      type: 'array',
      items: { type: 'string' },
      title: 'Output',
      'x-cog-array-display': 'concatenate',
      'x-cog-array-type': 'iterator',
    });
    const filter = (await api.json<Model>(`${R}/models/predictkit/image-filter`)).body.latest_version
      .openapi_schema.components.schemas as Schemas;
    // The media types a file takes, as Cog writes them.
    expect(filter.Input?.properties?.image).toMatchObject({
      type: 'string',
      format: 'uri',
      title: 'Image',
      'x-cog-accept': 'image/*',
    });
    expect(filter.Input?.properties?.image).not.toHaveProperty('contentMediaType');
    expect(filter.Input?.required).toEqual(['image']);
  });

  it('lists versions newest first and gets one by id, with 404 for any other', async () => {
    api = replicateApi();
    const versions = (await api.json<Page<Version>>(`${R}/models/predictkit/text-generator/versions`)).body
      .results;
    expect(versions).toHaveLength(2);
    expect(Date.parse(versions[0]?.created_at as string)).toBeGreaterThan(
      Date.parse(versions[1]?.created_at as string),
    );
    const oldest = versions[1] as Version;
    expect(
      (await api.json<Version>(`${R}/models/predictkit/text-generator/versions/${oldest.id}`)).body,
    ).toEqual(oldest);
    expect(oldest.openapi_schema.components.schemas.Input?.properties).not.toHaveProperty('stop');
    const echoId = (await api.json<Model>(`${R}/models/predictkit/echo`)).body.latest_version.id;
    for (const path of [
      `${R}/models/predictkit/text-generator/versions/${echoId}`,
      `${R}/models/predictkit/text-generator/versions/2`,
      `${R}/models/predictkit/nope`,
      `${R}/models/someone/echo/versions`,
    ]) {
      expect({ path, status: (await api.request(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('searches with QUERY /models (text, or text as JSON) and with GET /search', async () => {
    api = replicateApi();
    const query = async (body: string) =>
      (
        await api.json<Page<Model>>(`${R}/models`, {
          method: 'QUERY',
          headers: { 'content-type': 'text/plain' },
          body,
        })
      ).body.results.map((m) => m.name);
    expect((await query('image')).sort()).toEqual(['image-filter', 'image-generator']);
    expect(await query('"audio"')).toEqual(['tone-synth']);
    expect(await query('no such thing')).toEqual([]);
    const { body } = await api.json<{
      query: string;
      models: { model: Model; metadata: { tags: string[] } }[];
    }>(`${R}/search?query=sentiment`);
    expect(body.query).toBe('sentiment');
    expect(body.models.map((m) => m.model.name)).toEqual(['sentiment']);
    expect(body.models[0]?.metadata.tags).toContain('text-classification');
  });
});

describe('deployments, collections, hardware and the account', () => {
  it('has a deployment per demo model, running its latest version', async () => {
    api = replicateApi();
    const { body } = await api.json<
      Page<{ owner: string; name: string; current_release: Record<string, unknown> }>
    >(`${R}/deployments`);
    expect(body.results.map((d) => d.name).sort()).toEqual(demoModels.map((m) => m.name).sort());
    const deployment = (
      await api.json<{ current_release: Record<string, unknown> }>(`${R}/deployments/predictkit/echo`)
    ).body;
    const latest = (await api.json<Model>(`${R}/models/predictkit/echo`)).body.latest_version.id;
    expect(deployment.current_release).toMatchObject({
      number: 1,
      model: 'predictkit/echo',
      version: latest,
      created_by: { username: 'predictkit' },
      configuration: { hardware: 'cpu', min_instances: 0, max_instances: 1 },
    });
    expect((await api.request(`${R}/deployments/predictkit/nope`)).status).toBe(404);
  });

  it('lists collections of the categories, gets one with its models, and lists hardware and the account', async () => {
    api = replicateApi();
    const { body } = await api.json<Page<{ slug: string; name: string }>>(`${R}/collections`);
    expect(body.results.map((c) => c.slug)).toContain('image-generation');
    const collection = (await api.json<{ models: Model[] }>(`${R}/collections/image-generation`)).body;
    expect(collection.models.map((m) => m.name)).toEqual(['image-generator']);
    expect((await api.request(`${R}/collections/nope`)).status).toBe(404);
    expect((await api.json(`${R}/hardware`)).body).toEqual([{ name: 'CPU', sku: 'cpu' }]);
    expect((await api.json(`${R}/account`)).body).toMatchObject({ type: 'user', username: 'local' });
  });
});
