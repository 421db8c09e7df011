import { Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { serveFile } from '../../http/serveFile';
import type { SurfaceDeps } from '../Surface';

/**
 * Any file's bytes by its id: a model's output, or an upload (made through Replicate's Files API),
 * which only its own account reaches, as there.
 */
export function fileRoutes({ store, registry, caller }: SurfaceDeps): Hono {
  const app = new Hono();

  app.on(['GET', 'HEAD'], '/files/:id', (c) => {
    const file = store.getFile(c.req.param('id'));
    if (!registry.mayUse(caller(c), file)) throw new HttpError(404, `File ${c.req.param('id')} not found.`);
    return serveFile(c, file);
  });

  return app;
}
