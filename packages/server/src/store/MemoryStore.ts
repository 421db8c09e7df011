import { isTerminal, type Prediction } from '@predictkit/core';
import type { Store, StoredFile, StoredPrediction } from './Store';

/** The default store: everything in memory, gone when the process ends. */
export class MemoryStore implements Store {
  #seq = 0;
  #byId = new Map<string, StoredPrediction>();
  /** Ascending by `seq`, so a page is a binary search and a slice. */
  #ordered: StoredPrediction[] = [];
  #files = new Map<string, StoredFile>();
  #counts = new Map<string, number>();

  nextSeq(): number {
    return ++this.#seq;
  }

  insert(record: StoredPrediction): void {
    this.#byId.set(record.prediction.id, record);
    this.#ordered.push(record);
    const key = `${record.prediction.model.owner}/${record.prediction.model.name}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  update(prediction: Prediction): void {
    const record = this.#byId.get(prediction.id);
    if (record) record.prediction = prediction;
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

  countByModel(owner: string, name: string): number {
    return this.#counts.get(`${owner}/${name}`) ?? 0;
  }

  putFile(file: StoredFile): void {
    this.#files.set(file.id, file);
  }

  getFile(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  close(): void {}
}
