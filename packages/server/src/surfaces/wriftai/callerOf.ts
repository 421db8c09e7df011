import type { Context } from 'hono';
import { bearerToken } from '../../http/bearerToken';
import type { Registry } from '../../registry/Registry';
import type { UserRecord } from '../../store/Store';

/** The user a request acts as: its token's account, or the local user (see `Registry.caller`). */
export function callerOf(registry: Registry, c: Context): UserRecord {
  return registry.caller(bearerToken(c.req.header('authorization')));
}
