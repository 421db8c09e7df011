import type { Client } from '@predictkit/core';

/**
 * Whether the client's service lacks an option (`pageSize`, `sortBy`): the client refuses one with a
 * `TypeError`, so a page leaves it out, and hides what needs it. (An operation it lacks has no route.)
 */
export const lacks = (client: Client, option: string): boolean => !!client.provider.lacks?.includes(option);
