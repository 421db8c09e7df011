import type { Context } from 'hono';
import type { Registry } from '../../registry/Registry';
import type { UserRecord } from '../../store/Store';
import { wriftaiToken } from './wriftaiToken';

/** The user a request acts as: its token's account, or the local user (see `Registry.caller`). */
export function callerOf(registry: Registry, c: Context): UserRecord {
  return registry.caller(wriftaiToken(c.req.header('authorization'), c));
}
