/**
 * Where the proxy records which visitor created which prediction. Methods may return promises, so
 * a shared store (Redis, a KV namespace, a database table) fits behind the same three calls.
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
  /** Visitors remembered; past this, the one seen least recently is forgotten. Default 10 000. */
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
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently seen.
  const visitors = new Map<string, Set<string>>();
  const touch = (visitor: string) => {
    const ids = visitors.get(visitor);
    if (ids) {
      visitors.delete(visitor);
      visitors.set(visitor, ids);
    }
    return ids;
  };
  return {
    add(visitor, id) {
      let ids = touch(visitor);
      if (!ids) {
        ids = new Set();
        visitors.set(visitor, ids);
        if (visitors.size > maxVisitors) visitors.delete(visitors.keys().next().value!);
      }
      ids.delete(id);
      ids.add(id);
      if (ids.size > maxPredictionsPerVisitor) ids.delete(ids.values().next().value!);
    },
    owns: (visitor, id) => touch(visitor)?.has(id) ?? false,
    list: (visitor) => [...(touch(visitor) ?? [])].reverse(),
  };
}
