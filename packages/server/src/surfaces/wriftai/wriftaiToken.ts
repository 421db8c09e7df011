import type { Context } from 'hono';
import { bearerToken } from '../../http/bearerToken';

/**
 * The token a WriftAI request sends: `Authorization: Bearer <token>`, or on `/v1/messages` the
 * `x-api-key` header, which is how Anthropic's clients send theirs.
 */
export function wriftaiToken(authorization: string | undefined, c: Context): string | undefined {
  const bearer = bearerToken(authorization);
  if (bearer !== undefined || c.req.path !== '/v1/messages') return bearer;
  return c.req.header('x-api-key')?.trim() || undefined;
}
