import { CALL_OPTIONS, checkOptions, MS, TEXT } from '../checkOptions';
import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { expectShape } from '../expectShape';
import { isRecord } from '../schema/isRecord';

/** A file uploaded to Replicate: pass `urls.get` as a model input. It expires after 24 hours. */
export interface ReplicateFile {
  id: string;
  name?: string;
  content_type: string;
  size: number;
  checksums?: Record<string, string>;
  metadata?: unknown;
  created_at: string;
  /** When Replicate deletes it; `null` on the local server, whose uploads do not expire. */
  expires_at?: string | null;
  urls: { get: string };
}

export interface UploadFileOptions extends CallOptions {
  /** Default the `File`'s name, else `file`. */
  filename?: string | undefined;
  /** Default the `Blob`'s type, else `application/octet-stream`. */
  contentType?: string | undefined;
  /** Kept with the file (JSON). */
  metadata?: unknown;
  /** Per request, as the client's `timeoutMs`; an upload of a large file may need more. */
  timeoutMs?: number | undefined;
}

/**
 * Uploads a file, a `Blob` or bytes (`POST /files`, multipart: the `content` with its name and
 * type, and `metadata` as JSON) and answers the file, whose `urls.get` goes in a model's input
 * where it takes a file. Replicate only (at most 100 MiB; files expire after 24 hours). Not
 * retried after a `5xx`.
 */
export async function uploadFile(
  client: Client,
  file: Blob | ArrayBuffer | ArrayBufferView,
  options: UploadFileOptions = {},
): Promise<ReplicateFile> {
  const at = 'uploadFile';
  // Made here rather than at the top level, where a spread would keep it in bundles without uploads.
  checkOptions(
    at,
    options,
    {
      ...CALL_OPTIONS,
      filename: TEXT,
      contentType: TEXT,
      metadata: [isRecord, 'an object (kept as JSON)'],
      timeoutMs: MS,
    },
    true,
    client.provider,
  );
  // Bytes as Node reads a file (a `Buffer`) or `fetch` gives them are a Blob's parts as they are.
  // An ArrayBuffer made in another realm (an iframe, jsdom) is no `instanceof` this one's.
  const buffer = Object.prototype.toString.call(file) === '[object ArrayBuffer]';
  if (!(file instanceof Blob || buffer || ArrayBuffer.isView(file))) {
    throw invalid(at, 'file', 'a Blob, a File, or bytes (a Uint8Array, a Buffer or an ArrayBuffer)', file);
  }
  const blob = file instanceof Blob ? file : new Blob([file as BlobPart]);
  const { filename, contentType, metadata = {}, signal, timeoutMs } = options;
  const type = contentType ?? (blob.type || 'application/octet-stream');
  const form = new FormData();
  form.append(
    'content',
    type === blob.type ? blob : new Blob([blob], { type }),
    filename ?? ((blob as File).name || 'file'),
  );
  form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  const raw = await client.request('POST', client.provider.routes.files?.() ?? '/files', {
    label: at,
    signal,
    data: form,
    timeoutMs,
  });
  return expectShape(raw, at, { id: 's', urls: { get: 's' } });
}
