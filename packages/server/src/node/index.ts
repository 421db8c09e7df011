export { type ListeningServer, type ListenOptions, listen } from './listen';
export { type ListenProxyOptions, listenProxy } from './listenProxy';
export { SqliteStore } from './SqliteStore';
