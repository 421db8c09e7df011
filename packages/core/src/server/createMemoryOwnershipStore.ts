/**
 * Where the proxy records which visitor created which prediction, and which uploaded which file
 * (under the key `files:<visitor>`, as if another visitor). Methods may return promises, so a
 * shared store (Redis, a KV namespace, a database table) fits behind the same three calls.
 */
export interface OwnershipStore {
  /** Records that `visitor` created prediction `id`. */
  add(visitor: string, id: string): void | Promise<void>;
  /** Whether `visitor` created prediction `id`. */
  owns(visitor: string, id: string): boolean | Promise<boolean>;
  /** The ids `visitor` created, newest first. */
  list(visitor: string): readonly string[] | Promise<readonly string[]>;
}

export interface MemoryOwnershipStoreOptions {
  /**
   * Visitors remembered; past this, the one seen least recently is forgotten, of those seen only
   * once first (a flood of new visitors cannot push out those who came back). A visitor's uploads
   * count as one more. Default 10 000.
   */
  maxVisitors?: number;
  /** Predictions remembered per visitor; past this, the oldest is forgotten. Default 1 000. */
  maxPredictionsPerVisitor?: number;
}

/**
 * The default ownership record: this process's memory, bounded on both counts so that a flood of
 * new visitors cannot grow it without limit. It is lost on restart and not shared between
 * instances: an app served by more than one process passes a shared store instead.
 */
export function createMemoryOwnershipStore({
  maxVisitors = 10_000,
  maxPredictionsPerVisitor = 1_000,
}: MemoryOwnershipStoreOptions = {}): OwnershipStore {
  for (const [name, value] of Object.entries({ maxVisitors, maxPredictionsPerVisitor })) {
    if (!(Number.isInteger(value) && value > 0)) {
      throw new TypeError(
        `createMemoryOwnershipStore: \`${name}\` must be a whole number > 0, got ${value}.`,
      );
    }
  }
  // Two generations, so that a flood of visitors seen once (creates from a script that keeps no
  // cookie) cannot push out the visitors who came back: a visitor starts in `once` and moves to
  // `again` when seen again; `again` holds at most four fifths of them, its least recently seen
  // going back to `once`; the one forgotten is the least recently seen of `once`. A Map keeps
  // insertion order: re-inserting on use makes its first key the least recently seen.
  const once = new Map<string, Set<string>>();
  const again = new Map<string, Set<string>>();
  const touch = (visitor: string) => {
    const ids = again.get(visitor) ?? once.get(visitor);
    if (ids) {
      again.delete(visitor);
      once.delete(visitor);
      again.set(visitor, ids);
      if (again.size > maxVisitors * 0.8) {
        const [oldest, itsIds] = again.entries().next().value!;
        again.delete(oldest);
        once.set(oldest, itsIds);
      }
    }
    return ids;
  };
  return {
    add(visitor, id) {
      let ids = touch(visitor);
      if (!ids) {
        ids = new Set();
        once.set(visitor, ids);
        if (once.size + again.size > maxVisitors) once.delete(once.keys().next().value!);
      }
      ids.delete(id);
      ids.add(id);
      if (ids.size > maxPredictionsPerVisitor) ids.delete(ids.values().next().value!);
    },
    owns: (visitor, id) => touch(visitor)?.has(id) ?? false,
    list: (visitor) => [...(touch(visitor) ?? [])].reverse(),
  };
}
