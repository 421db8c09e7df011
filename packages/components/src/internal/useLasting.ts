import { useEffect, useState } from 'react';

/**
 * Whether `on` has held for `ms` milliseconds: `false` until then, and again as soon as it ends.
 * For news that is only news when it lasts (a connection lost and back within a second).
 */
export function useLasting(on: boolean, ms: number): boolean {
  const [lasted, setLasted] = useState(false);
  useEffect(() => {
    setLasted(false);
    if (!on) return;
    const timer = setTimeout(() => setLasted(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && lasted;
}
