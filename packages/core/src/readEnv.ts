/**
 * An environment variable where the runtime has them (Node, Bun, Deno), else `undefined`. Edge
 * runtimes have no `process`; Deno without `--allow-env` throws on the read, which counts as unset,
 * so that a client given its options explicitly needs no permission. Empty counts as unset too.
 */
export function readEnv(name: string): string | undefined {
  try {
    // Through globalThis, so that the browser build needs no Node types.
    return (globalThis as { process?: { env?: Record<string, string> } }).process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}
