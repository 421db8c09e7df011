import { OWNER } from '../catalog';
import { LOCAL_USER } from '../localUser';
import type { UserRecord } from '../store/Store';

const user = (id: string, username: string, name: string, bio: string, created_at: string): UserRecord => ({
  id,
  username,
  name,
  bio,
  urls: [],
  location: null,
  company: null,
  created_at,
  updated_at: null,
});

/**
 * The users a fresh server has: the demo models' owner, the local user, and a few more so that
 * lists, search and paging have something to show. Oldest first.
 */
export const DEMO_USERS: readonly UserRecord[] = [
  {
    ...user(
      OWNER.id,
      OWNER.username,
      'PredictKit',
      'Owner of the demo models built into the local server.',
      '2025-12-01T00:00:00.000000Z',
    ),
    urls: ['https://github.com/predictkit'],
  },
  LOCAL_USER,
  user(
    'b1e2c3d4-1111-4aaa-8bbb-0c1d2e3f4a51',
    'ada',
    'Ada Lovelace',
    'Writes programs for engines that do not exist yet.',
    '2026-01-02T09:00:00.000000Z',
  ),
  user(
    'b1e2c3d4-2222-4aaa-8bbb-0c1d2e3f4a52',
    'grace',
    'Grace Hopper',
    'Compilers, and nanoseconds you can hold.',
    '2026-01-03T09:00:00.000000Z',
  ),
  user(
    'b1e2c3d4-3333-4aaa-8bbb-0c1d2e3f4a53',
    'alan',
    'Alan Turing',
    'Imitation games and morphogenesis.',
    '2026-01-04T09:00:00.000000Z',
  ),
  user(
    'b1e2c3d4-4444-4aaa-8bbb-0c1d2e3f4a54',
    'katherine',
    'Katherine Johnson',
    'Trajectories, checked by hand.',
    '2026-01-05T09:00:00.000000Z',
  ),
  user(
    'b1e2c3d4-5555-4aaa-8bbb-0c1d2e3f4a55',
    'edsger',
    'Edsger Dijkstra',
    'Shortest paths; go to considered harmful.',
    '2026-01-06T09:00:00.000000Z',
  ),
];
