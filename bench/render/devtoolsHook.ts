/**
 * Counts the components React renders in a commit (PredictionList rows, or every component of a form),
 * in a production build, with no change to the components: a minimal `__REACT_DEVTOOLS_GLOBAL_HOOK__`
 * (react-dom reports every commit to it, as it does to React DevTools) and a walk of the committed fiber
 * tree. A component rendered in the commit is a new fiber (a bailed-out subtree keeps its old ones)
 * flagged `PerformedWork`, which memoized components that bail out are not. Imported before react-dom,
 * which looks for the hook on load.
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
/** Function, class, forwardRef, memo and simple memo components. */
const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);

let lastRoot: FiberRoot | undefined;
const commitListeners = new Set<(root: FiberRoot) => void>();

const isComponent = (fiber: Fiber) => COMPONENT_TAGS.has(fiber.tag);

const isRow = (fiber: Fiber) =>
  isComponent(fiber) &&
  fiber.child?.tag === HOST_COMPONENT &&
  fiber.child.memoizedProps?.['data-slot'] === 'list-row';

function fibers(root: FiberRoot, which: (fiber: Fiber) => boolean): Fiber[] {
  const found: Fiber[] = [];
  const stack: Fiber[] = [root.current];
  while (stack.length) {
    const fiber = stack.pop() as Fiber;
    if (which(fiber)) found.push(fiber);
    if (fiber.sibling) stack.push(fiber.sibling);
    if (fiber.child) stack.push(fiber.child);
  }
  return found;
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
export const mountedRows = (): number => (lastRoot ? fibers(lastRoot, isRow).length : 0);

/**
 * Starts counting: the returned function gives the components (`which`, by default every one) rendered
 * by the commits since. Each commit's tree is walked as it is committed, in the commit's time.
 */
export function countRenders(which: (fiber: Fiber) => boolean = isComponent): () => number {
  const before = new Set(lastRoot ? fibers(lastRoot, which) : []);
  let rendered = 0;
  const listener = (root: FiberRoot) => {
    for (const fiber of fibers(root, which)) {
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

/** Starts counting the PredictionList rows rendered. */
export const countRowRenders = (): (() => number) => countRenders(isRow);
