import type { Context } from 'hono';

/** `entity/project` from a v2 route's path: every record lives in one project and is found only there. */
export function projectOf(c: Context): string {
  return `${c.req.param('entity')}/${c.req.param('project')}`;
}
