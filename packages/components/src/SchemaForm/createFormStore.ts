import type { FormValue } from './formValue';

/**
 * The form's value, outside React state: each field subscribes to its own part of it
 * (`useSyncExternalStore`), so a keystroke re-renders the field it changed (and the objects and lists
 * around it), not the whole form.
 */
export interface FormStore {
  value(): FormValue;
  /**
   * Replaces the value. An edit tells the fields at once; a value taken during a render (a controlled
   * form's `value`, another schema's defaults) passes `tell: false`, since a render must not update
   * other components, and `flush` tells them after the commit.
   */
  set(value: FormValue, tell?: boolean): void;
  flush(): void;
  subscribe(listener: () => void): () => void;
}

export function createFormStore(initial: FormValue): FormStore {
  let value = initial;
  let untold = false;
  const listeners = new Set<() => void>();
  return {
    value: () => value,
    set(next, tell = true) {
      if (next === value) return;
      value = next;
      untold = !tell;
      if (tell) for (const listener of [...listeners]) listener();
    },
    flush() {
      if (!untold) return;
      untold = false;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
