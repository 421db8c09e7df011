import { Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { serveFile } from '../../http/serveFile';
import type { Store } from '../../store/Store';

export function fileRoutes(store: Store): Hono {
  const app = new Hono();

  app.on(['GET', 'HEAD'], '/files/:id', (c) => {
    const file = store.getFile(c.req.param('id'));
    if (!file) throw new HttpError(404, `File ${c.req.param('id')} not found.`);
    return serveFile(c, file);
  });

  return app;
}
