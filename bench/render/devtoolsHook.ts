/**
 * Counts the PredictionList rows React renders in one commit, in a production build, with no change
 * to the component: a minimal `__REACT_DEVTOOLS_GLOBAL_HOOK__` (react-dom reports every commit to it,
 * as it does to React DevTools) and a walk of the committed fiber tree. A row component rendered in
 * the commit is a new fiber (a bailed-out subtree keeps its old ones) flagged `PerformedWork`, which
 * memoized rows that bail out are not. Imported before react-dom, which looks for the hook on load.
 */

interface Fiber {
  tag: number;
  type: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  memoizedProps: Record<string, unknown> | null;
}

interface FiberRoot {
  current: Fiber;
}

const PERFORMED_WORK = 1;
const HOST_COMPONENT = 5;
/** Function, forwardRef, memo and simple memo components. */
const COMPONENT_TAGS = new Set([0, 11, 14, 15]);

let lastRoot: FiberRoot | undefined;
const commitListeners = new Set<(root: FiberRoot) => void>();

const isRow = (fiber: Fiber) =>
  COMPONENT_TAGS.has(fiber.tag) &&
  fiber.child?.tag === HOST_COMPONENT &&
  fiber.child.memoizedProps?.['data-slot'] === 'list-row';

function rowFibers(root: FiberRoot): Fiber[] {
  const rows: Fiber[] = [];
  const stack: Fiber[] = [root.current];
  while (stack.length) {
    const fiber = stack.pop() as Fiber;
    if (isRow(fiber)) rows.push(fiber);
    if (fiber.sibling) stack.push(fiber.sibling);
    if (fiber.child) stack.push(fiber.child);
  }
  return rows;
}

const renderers = new Map<number, unknown>();
(window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  isDisabled: false,
  renderers,
  inject(internals: unknown) {
    renderers.set(renderers.size + 1, internals);
    return renderers.size;
  },
  onCommitFiberRoot(_renderer: number, root: FiberRoot) {
    lastRoot = root;
    for (const listener of commitListeners) listener(root);
  },
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
  setStrictMode() {},
  checkDCE() {},
};

/** Row components in the DOM now. */
export const mountedRows = (): number => (lastRoot ? rowFibers(lastRoot).length : 0);

/** Starts counting: the returned function gives the rows rendered by the commits since. */
export function countRowRenders(): () => number {
  const before = new Set(lastRoot ? rowFibers(lastRoot) : []);
  let rendered = 0;
  const listener = (root: FiberRoot) => {
    for (const fiber of rowFibers(root)) {
      if (!before.has(fiber) && fiber.flags & PERFORMED_WORK) rendered++;
      before.add(fiber);
    }
  };
  commitListeners.add(listener);
  return () => {
    commitListeners.delete(listener);
    return rendered;
  };
}
