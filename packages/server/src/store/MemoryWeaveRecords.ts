import type { WeaveQuery, WeaveRecord } from './Store';

interface Held {
  record: WeaveRecord;
  /** The size of its data as JSON: what the byte bound counts. */
  bytes: number;
}

const keyOf = (kind: string, project: string, id: string) => JSON.stringify([kind, project, id]);
const listKey = (kind: string, project: string, group?: string | null) =>
  JSON.stringify(group == null ? [kind, project] : [kind, project, group]);

/** Index of the first record whose seq is ≥ `seq` in a list ascending by seq. */
function lowerBound(list: readonly WeaveRecord[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as WeaveRecord).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The Weave surface's records in memory (`MemoryStore`'s share of them). Bounded by count and by
 * bytes, the oldest forgotten first, so that a logger left running for days does not grow the
 * server without end. Each list (a kind in a project, and a group of it) is kept ascending by
 * `seq`, so a batch is a binary search and a slice.
 */
export class MemoryWeaveRecords {
  #seq = 0;
  #bytes = 0;
  /** Insertion order is age order: the first is the oldest. */
  #byKey = new Map<string, Held>();
  #lists = new Map<string, WeaveRecord[]>();

  constructor(
    readonly maxRecords: number,
    readonly maxBytes: number,
  ) {}

  put(input: Omit<WeaveRecord, 'seq'>): WeaveRecord {
    const key = keyOf(input.kind, input.project, input.id);
    const bytes = JSON.stringify(input.data).length;
    const old = this.#byKey.get(key);
    if (old) {
      // a replaced record keeps its place in every list; only a changed group moves it
      const record = { ...input, seq: old.record.seq };
      this.#unlist(old.record);
      this.#list(record);
      this.#bytes += bytes - old.bytes;
      this.#byKey.set(key, { record, bytes });
      return record;
    }
    const record = { ...input, seq: ++this.#seq };
    this.#byKey.set(key, { record, bytes });
    this.#bytes += bytes;
    this.#list(record);
    this.#evict(key);
    return record;
  }

  get(kind: string, project: string, id: string): WeaveRecord | undefined {
    return this.#byKey.get(keyOf(kind, project, id))?.record;
  }

  list({ kind, project, group, after, limit }: WeaveQuery): WeaveRecord[] {
    const list = this.#lists.get(listKey(kind, project, group)) ?? [];
    const start = lowerBound(list, after + 1);
    return list.slice(start, start + limit);
  }

  delete(kind: string, project: string, which: { ids: readonly string[] } | { group: string }): number {
    const ids =
      'ids' in which
        ? which.ids
        : (this.#lists.get(listKey(kind, project, which.group)) ?? []).map((record) => record.id);
    let deleted = 0;
    for (const id of new Set(ids)) {
      const key = keyOf(kind, project, id);
      const held = this.#byKey.get(key);
      if (!held) continue;
      this.#forget(key, held);
      deleted++;
    }
    return deleted;
  }

  #list(record: WeaveRecord): void {
    for (const key of this.#listKeys(record)) {
      const list = this.#lists.get(key) ?? [];
      list.splice(lowerBound(list, record.seq), 0, record);
      this.#lists.set(key, list);
    }
  }

  #unlist(record: WeaveRecord): void {
    for (const key of this.#listKeys(record)) {
      const list = this.#lists.get(key);
      if (!list) continue;
      list.splice(lowerBound(list, record.seq), 1);
      if (list.length === 0) this.#lists.delete(key);
    }
  }

  #listKeys({ kind, project, group }: WeaveRecord): string[] {
    return group === null
      ? [listKey(kind, project)]
      : [listKey(kind, project), listKey(kind, project, group)];
  }

  #forget(key: string, held: Held): void {
    this.#byKey.delete(key);
    this.#bytes -= held.bytes;
    this.#unlist(held.record);
  }

  #evict(newest: string): void {
    for (const [key, held] of this.#byKey) {
      // the newest record stays, however large
      if ((this.#byKey.size <= this.maxRecords && this.#bytes <= this.maxBytes) || key === newest) break;
      this.#forget(key, held);
    }
  }
}
