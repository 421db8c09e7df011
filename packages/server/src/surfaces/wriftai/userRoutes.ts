import { type Context, Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { offsetPage } from '../../http/pagination';
import { readJsonBody } from '../../http/readJsonBody';
import type { UserRecord } from '../../store/Store';
import type { SurfaceDeps } from '../Surface';
import { parseUserChanges } from './parseUserChanges';
import { queryChoice, searchWords } from './queryChoice';
import { toWriftaiModel, toWriftaiUser } from './toWriftaiModel';

/** WriftAI's users: lists, search, one user, and the authenticated user with its models. */
export function userRoutes({ registry, origin, caller }: SurfaceDeps): Hono {
  const app = new Hono();
  const url = (c: Context) => new URL(c.req.url);

  /** Users by creation, ascending unless asked otherwise (the service's default for users). */
  const sorted = (c: Context, users: UserRecord[]) => {
    queryChoice(c, 'sort_by', ['created_at'] as const, 'created_at');
    const direction = queryChoice(c, 'sort_direction', ['asc', 'desc'] as const, 'asc');
    const here = origin(c);
    const rows = users.map((user) => toWriftaiUser(user, here, false));
    return direction === 'asc' ? rows : rows.reverse();
  };

  app.get('/users', (c) => c.json(offsetPage(url(c), sorted(c, registry.users()))));

  app.get('/users/:username', (c) => {
    const user = registry.userNamed(c.req.param('username'));
    if (!user) throw new HttpError(404, `User ${c.req.param('username').slice(0, 100)} not found.`);
    return c.json(toWriftaiUser(user, origin(c), true));
  });

  app.get('/search/users', (c) => {
    const words = searchWords(c);
    const matches = registry.users().filter((user) => {
      const text = [user.username, user.name, user.bio, user.location, user.company].join(' ').toLowerCase();
      return words.every((word) => text.includes(word));
    });
    return c.json(offsetPage(url(c), sorted(c, matches)));
  });

  app.get('/user', (c) => c.json(toWriftaiUser(caller(c), origin(c), true)));

  app.patch('/user', async (c) => {
    const changes = parseUserChanges(await readJsonBody(c));
    const user = registry.updateUser(caller(c), changes);
    return c.json(toWriftaiUser(user, origin(c), true));
  });

  // newest first, as a user's own list reads best; private ones included, they are the caller's
  app.get('/user/models', (c) => {
    const user = caller(c);
    const here = origin(c);
    const mine = registry
      .models(user)
      .filter((m) => m.owner.id === user.id)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.name.localeCompare(b.name))
      .map((m) => toWriftaiModel(m, registry.predictionsCount(m), here, false));
    return c.json(offsetPage(url(c), mine));
  });

  return app;
}
