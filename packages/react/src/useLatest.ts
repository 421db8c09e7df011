import { type RefObject, useInsertionEffect, useRef } from 'react';

/**
 * A ref holding `value` as last committed, for callbacks (a poll's interval, `onUpdate`, a create
 * started later) that must see the newest props without subscribing again. It is written in an
 * effect, not during render, so that a render React throws away never leaves its props behind.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
