import type { UserRecord } from './store/Store';
import { isoTimestamp } from './time';

/** The one account of a local server: whoever runs it, unless a token names another (`accounts`). */
export const LOCAL_USER: UserRecord = {
  id: '5f0c7d2e-8a1b-4c3d-9e4f-6a7b8c9d0e1f',
  username: 'local',
  name: 'Local developer',
  bio: 'The user of a local PredictKit server.',
  urls: [],
  location: null,
  company: null,
  created_at: isoTimestamp(Date.UTC(2026, 0, 1)),
  updated_at: null,
};
