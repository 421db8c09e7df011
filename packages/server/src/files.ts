import type { Store } from './store/Store';
import { isoTimestamp } from './time';

const FILE_PATH = /^\/v1\/files\/([0-9a-f-]{36})$/;

/** The id of one of this server's own files from its URL, if `url` is one (same origin, existing file). */
export function ownFileId(url: string, origin: string, store: Store): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const id = FILE_PATH.exec(parsed.pathname)?.[1];
  return parsed.origin === origin && id && store.getFile(id) ? id : undefined;
}

export function saveFile(store: Store, origin: string, bytes: Uint8Array, contentType: string): string {
  const id = crypto.randomUUID();
  store.putFile({ id, contentType, bytes, createdAt: isoTimestamp() });
  return `${origin}/v1/files/${id}`;
}
