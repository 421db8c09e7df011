import type { Store, StoredFile } from './store/Store';
import { isoTimestamp } from './time';

/** Reads the id of one of this server's files from the path of a URL, in one surface's forms. */
export type FileIdFromPath = (pathname: string) => string | undefined;

/**
 * One of this server's own files from its URL, if `url` is one: on this origin, in a form one of
 * the surfaces serves files at, and stored. Nothing else is ever fetched.
 */
export function ownFile(
  url: string,
  origin: string,
  store: Store,
  readers: readonly FileIdFromPath[],
): StoredFile | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== origin) return undefined;
  for (const read of readers) {
    const id = read(parsed.pathname);
    const file = id === undefined ? undefined : store.getFile(id);
    if (file) return file;
  }
  return undefined;
}

/** Stores a model's output file; its URL is the WriftAI surface's, which every surface reads. */
export function saveFile(store: Store, origin: string, bytes: Uint8Array, contentType: string): string {
  const id = crypto.randomUUID();
  store.putFile({ id, contentType, bytes, createdAt: isoTimestamp() });
  return `${origin}/v1/files/${id}`;
}
