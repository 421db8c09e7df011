import type { Context } from 'hono';
import type { Registry } from '../../registry/Registry';
import { basicAuthToken } from './basicAuthToken';

/** `entity/project` from a v2 route's path: every record lives in one project and is found only there. */
export function projectOf(c: Context): string {
  return `${c.req.param('entity')}/${c.req.param('project')}`;
}

/** The id of the user a request acts as (`wb_user_id`): its token's account, or the local user. */
export function callerIdOf(registry: Registry, c: Context): string {
  return registry.caller(basicAuthToken(c.req.header('authorization'))).id;
}
