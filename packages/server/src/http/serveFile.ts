import { fileSafetyHeaders } from '@predictkit/core/server';
import type { Context } from 'hono';
import type { StoredFile } from '../store/Store';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` → inclusive [start, end]; `null` when unsatisfiable. */
export function parseRange(header: string, size: number): [number, number] | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined; // not a single range we serve: send it all
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? null : [start, end];
}

/**
 * A stored file's bytes, with its type, a year-long immutable cache, an `ETag`, and `Range`
 * support (audio and video seek), never as a live page (`fileSafetyHeaders`). `HEAD` gets the
 * headers alone.
 */
export function serveFile(c: Context, file: StoredFile): Response {
  const size = file.bytes.length;
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    ...fileSafetyHeaders(file.contentType),
    'accept-ranges': 'bytes',
    // a file never changes once stored, so clients may keep it
    'cache-control': 'public, max-age=31536000, immutable',
    etag: `"${file.id}"`,
  };
  if (c.req.header('if-none-match') === headers.etag) return c.body(null, 304, headers);
  const rangeHeader = c.req.header('range');
  const range = rangeHeader ? parseRange(rangeHeader, size) : undefined;
  if (range === null) {
    return c.body(null, 416, { ...headers, 'content-range': `bytes */${size}` });
  }
  const [start, end] = range ?? [0, size - 1];
  const partial = range !== undefined;
  return new Response(c.req.method === 'HEAD' ? null : file.bytes.slice(start, end + 1), {
    status: partial ? 206 : 200,
    headers: {
      ...headers,
      'content-length': String(end - start + 1),
      ...(partial ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    },
  });
}
