type Path = (string | number)[];

export interface JsonMeasure {
  /** Where the first value nested deeper than `maxDepth` is, if any. */
  tooDeepAt?: Path;
  /** Whether there are more than `maxValues` values. */
  tooMany: boolean;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

function pathOf(frame: Frame): Path {
  const path: Path = [];
  for (let at: Frame | undefined = frame; at?.parent; at = at.parent) path.push(at.key as string | number);
  return path.reverse();
}

/**
 * Measures parsed JSON without recursing (it is what makes deep input safe for every walk that
 * does recurse): the depth of objects and arrays (`{}` is 1) and the number of values. Stops at
 * the first limit passed.
 */
export function measureJson(value: unknown, maxDepth: number, maxValues: number): JsonMeasure {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  let values = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (++values > maxValues) return { tooMany: true };
    const { value: current } = frame;
    if (typeof current !== 'object' || current === null) continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) return { tooDeepAt: pathOf(frame), tooMany: false };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], depth, parent: frame, key: i });
    } else {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: (current as Record<string, unknown>)[key], depth, parent: frame, key });
      }
    }
  }
  return { tooMany: false };
}
