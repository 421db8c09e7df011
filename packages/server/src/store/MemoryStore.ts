import { isTerminal } from '@predictkit/core';
import { MemoryWeaveRecords } from './MemoryWeaveRecords';
import type {
  ModelRecord,
  PredictionRecord,
  Store,
  StoredFile,
  StoredPrediction,
  UploadSummary,
  UserRecord,
  WeaveQuery,
  WeaveRecord,
} from './Store';

export interface MemoryStoreOptions {
  /**
   * Finished predictions kept; past that the oldest are forgotten (a read answers `404`), as the
   * hosted service forgets old ones. Running predictions are always kept. Default 5,000.
   */
  maxPredictions?: number;
  /** Bytes of files kept; past that the oldest files are forgotten. Default 256 MB. */
  maxFileBytes?: number;
  /** Records of the Weave surface kept (predictions, scores, runs, object versions); the oldest go first. Default 10,000. */
  maxWeaveRecords?: number;
  /** Bytes of Weave records kept, as JSON. Default 128 MB. */
  maxWeaveBytes?: number;
}

function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`MemoryStore: \`${name}\` must be a whole number ≥ 1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * The default store: everything in memory, gone when the process ends. Bounded, so that a server
 * left running for days does not grow without end: the oldest finished predictions and the oldest
 * files go first. `--data-dir` keeps everything.
 */
export class MemoryStore implements Store {
  readonly maxPredictions: number;
  readonly maxFileBytes: number;
  #seq = 0;
  #byId = new Map<string, StoredPrediction>();
  /** Ascending by `seq`, so a page is a binary search and a slice. */
  #ordered: StoredPrediction[] = [];
  #finished = 0;
  /** Insertion order is age order: the first file is the oldest. */
  #files = new Map<string, StoredFile & { position: number }>();
  #filePosition = 0;
  #fileBytes = 0;
  #counts = new Map<string, number>();
  #settings = new Map<string, string>();
  #users = new Map<string, UserRecord>();
  #models = new Map<string, ModelRecord>();
  readonly #weave: MemoryWeaveRecords;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxPredictions = checkLimit('maxPredictions', options.maxPredictions, 5000);
    this.maxFileBytes = checkLimit('maxFileBytes', options.maxFileBytes, 256 * 1024 * 1024);
    this.#weave = new MemoryWeaveRecords(
      checkLimit('maxWeaveRecords', options.maxWeaveRecords, 10_000),
      checkLimit('maxWeaveBytes', options.maxWeaveBytes, 128 * 1024 * 1024),
    );
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  insert(record: StoredPrediction): void {
    this.#byId.set(record.prediction.id, record);
    this.#ordered.push(record);
    const key = `${record.prediction.model.owner}/${record.prediction.model.name}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    if (isTerminal(record.prediction.status)) this.#finishedOne();
  }

  update(prediction: PredictionRecord): void {
    const record = this.#byId.get(prediction.id);
    if (!record) return;
    const finishing = !isTerminal(record.prediction.status) && isTerminal(prediction.status);
    record.prediction = prediction;
    if (finishing) this.#finishedOne();
  }

  #finishedOne(): void {
    this.#finished++;
    // a tenth over before a pass, so that forgetting costs little per prediction
    if (this.#finished <= this.maxPredictions + Math.ceil(this.maxPredictions / 10)) return;
    let excess = this.#finished - this.maxPredictions;
    this.#ordered = this.#ordered.filter((record) => {
      if (excess === 0 || !isTerminal(record.prediction.status)) return true;
      excess--;
      this.#finished--;
      this.#byId.delete(record.prediction.id);
      return false;
    });
  }

  get(id: string): StoredPrediction | undefined {
    return this.#byId.get(id);
  }

  /** Index of the first record whose seq is ≥ `seq`. */
  #lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.#ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#ordered[mid] as StoredPrediction).seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  listBefore(seq: number | undefined, limit: number): StoredPrediction[] {
    const end = seq === undefined ? this.#ordered.length : this.#lowerBound(seq);
    return this.#ordered.slice(Math.max(0, end - limit), end).reverse();
  }

  listAfter(seq: number, limit: number): StoredPrediction[] {
    const start = this.#lowerBound(seq + 1);
    return this.#ordered.slice(start, start + limit).reverse();
  }

  listUnfinished(): StoredPrediction[] {
    return this.#ordered.filter((record) => !isTerminal(record.prediction.status));
  }

  /** Every prediction ever created on the model, forgotten ones included. */
  countByModel(owner: string, name: string): number {
    return this.#counts.get(`${owner}/${name}`) ?? 0;
  }

  putFile(file: StoredFile): void {
    const previous = this.#files.get(file.id);
    if (previous) {
      this.#fileBytes -= previous.bytes.length;
      this.#files.delete(file.id);
    }
    this.#files.set(file.id, { ...file, position: ++this.#filePosition });
    this.#fileBytes += file.bytes.length;
    for (const [id, old] of this.#files) {
      // the newest file stays, however large
      if (this.#fileBytes <= this.maxFileBytes || id === file.id) break;
      this.#files.delete(id);
      this.#fileBytes -= old.bytes.length;
    }
  }

  getFile(id: string): StoredFile | undefined {
    const file = this.#files.get(id);
    if (!file) return undefined;
    const { position: _, ...stored } = file;
    return stored;
  }

  deleteFile(id: string): boolean {
    const file = this.#files.get(id);
    if (!file) return false;
    this.#files.delete(id);
    this.#fileBytes -= file.bytes.length;
    return true;
  }

  listUploads(before: number | undefined, limit: number): UploadSummary[] {
    const out: UploadSummary[] = [];
    const newestFirst = [...this.#files.values()].reverse();
    for (const { bytes, upload, ...file } of newestFirst) {
      if (out.length === limit) break;
      if (upload && (before === undefined || file.position < before)) {
        out.push({ ...file, upload, size: bytes.length });
      }
    }
    return out;
  }

  getSetting(key: string): string | undefined {
    return this.#settings.get(key);
  }

  putSetting(key: string, value: string): void {
    this.#settings.set(key, value);
  }

  listUsers(): UserRecord[] {
    return [...this.#users.values()];
  }

  putUser(user: UserRecord): void {
    this.#users.set(user.id, user);
  }

  listModels(): ModelRecord[] {
    return [...this.#models.values()];
  }

  putModel(model: ModelRecord): void {
    this.#models.set(model.id, model);
  }

  deleteModel(id: string): void {
    this.#models.delete(id);
  }

  putWeave(record: Omit<WeaveRecord, 'seq'>): WeaveRecord {
    return this.#weave.put(record);
  }

  getWeave(kind: string, project: string, id: string): WeaveRecord | undefined {
    return this.#weave.get(kind, project, id);
  }

  listWeave(query: WeaveQuery): WeaveRecord[] {
    return this.#weave.list(query);
  }

  deleteWeave(kind: string, project: string, which: { ids: readonly string[] } | { group: string }): number {
    return this.#weave.delete(kind, project, which);
  }

  close(): void {}
}
