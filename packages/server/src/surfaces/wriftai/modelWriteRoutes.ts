import { Hono } from 'hono';
import { readJsonBody } from '../../http/readJsonBody';
import type { SurfaceDeps } from '../Surface';
import { parseModelFields } from './parseModelFields';
import { parseVersionFields } from './parseVersionFields';
import { parseVersionNumber } from './parseVersionNumber';
import { toWriftaiModel, toWriftaiVersion } from './toWriftaiModel';

/**
 * WriftAI's model and version writes. The caller owns what it creates; only an owner changes or
 * deletes a model (`403` for someone else's public model or a demo model, `404` for a private model
 * it cannot see). A delete answers `200` with `null`, as the cancel of a prediction does: a client
 * that reads every answer as JSON reads it too.
 */
export function modelWriteRoutes({ registry, origin, runner, caller }: SurfaceDeps): Hono {
  const app = new Hono();

  app.post('/models', async (c) => {
    const fields = parseModelFields(await readJsonBody(c), false);
    runner.assertAccepting();
    const entry = registry.createModel(caller(c), fields);
    c.header('location', `/v1/models/${entry.owner.username}/${entry.name}`);
    return c.json(toWriftaiModel(entry, registry.predictionsCount(entry), origin(c), true), 201);
  });

  app.patch('/models/:owner/:name', async (c) => {
    const body = await readJsonBody(c);
    const entry = registry.owned(caller(c), c.req.param('owner'), c.req.param('name'));
    const updated = registry.updateModel(entry, parseModelFields(body, true));
    return c.json(toWriftaiModel(updated, registry.predictionsCount(updated), origin(c), true));
  });

  app.delete('/models/:owner/:name', (c) => {
    registry.deleteModel(registry.owned(caller(c), c.req.param('owner'), c.req.param('name')));
    return c.json(null);
  });

  app.post('/models/:owner/:name/versions', async (c) => {
    const body = await readJsonBody(c);
    const entry = registry.owned(caller(c), c.req.param('owner'), c.req.param('name'));
    const version = registry.createVersion(entry, parseVersionFields(body));
    c.header('location', `/v1/models/${entry.owner.username}/${entry.name}/versions/${version.number}`);
    return c.json(toWriftaiVersion(version, true), 201);
  });

  app.delete('/models/:owner/:name/versions/:number', (c) => {
    const entry = registry.owned(caller(c), c.req.param('owner'), c.req.param('name'));
    registry.deleteVersion(entry, parseVersionNumber(c.req.param('number')));
    return c.json(null);
  });

  return app;
}
