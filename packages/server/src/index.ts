export { type CloseOptions, createServer, type PredictKitServer } from './createServer';
export { demoModels } from './models';
export type { DemoModel, DemoVersion, ModelContext } from './models/types';
export type { FaultOptions, ServerOptions } from './options';
export { MemoryStore, type MemoryStoreOptions } from './store/MemoryStore';
export type { Store, StoredFile, StoredPrediction } from './store/Store';
