export { type ListeningServer, type ListenOptions, listen } from './listen';
export { SqliteStore } from './SqliteStore';
