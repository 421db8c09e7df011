export { type ListeningServer, type ListenOptions, listen } from './listen';
export { type ListenProxyOptions, listenProxy } from './listenProxy';
export { DataDirInUseError, type DataDirLock, type LockHolder, lockDataDir } from './lockDataDir';
export { SqliteStore } from './SqliteStore';
