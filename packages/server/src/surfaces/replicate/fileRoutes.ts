import { type Context, Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { decodeCursor, encodeCursor } from '../../http/pagination';
import { serveFile } from '../../http/serveFile';
import { fromReplicateId, toReplicateId } from '../../replicateId';
import { toHex } from '../../sha256';
import type { FileUpload, StoredFile, UploadSummary } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { replicatePage } from './replicatePage';
import { downloadAllowed } from './signedUrls';
import { REPLICATE_BASE } from './toReplicatePrediction';

const PAGE_SIZE = 100;

const invalid = (field: string, msg: string, type = 'value_error') =>
  new HttpError(422, [{ loc: ['body', field], msg, type }]);

/** A file as Replicate's API shows it; `urls.get` is what a model takes as input. Files here do not expire. */
function toFileObject(
  file: Omit<StoredFile, 'bytes'> & { upload: FileUpload; size: number },
  origin: string,
) {
  const id = toReplicateId(file.id);
  return {
    id,
    name: file.upload.name,
    content_type: file.contentType,
    size: file.size,
    etag: `"${file.upload.sha256.slice(0, 32)}"`,
    checksums: { sha256: file.upload.sha256 },
    metadata: file.upload.metadata,
    created_at: file.createdAt,
    expires_at: null,
    urls: { get: `${origin}${REPLICATE_BASE}/files/${id}` },
  };
}

const isPosition = (v: Record<string, unknown>): v is { p: number } => Number.isInteger(v.p);

/** The parts of a multipart body; the body is read as bytes first, so it parses wherever it was read before. */
async function formOf(c: Context): Promise<FormData> {
  try {
    const bytes = await c.req.arrayBuffer();
    return await new Response(bytes, {
      headers: { 'content-type': c.req.header('content-type') ?? '' },
    }).formData();
  } catch {
    throw new HttpError(422, [
      { loc: ['body'], msg: 'Should be multipart/form-data with a `content` file part', type: 'value_error' },
    ]);
  }
}

async function metadataOf(part: FormDataEntryValue | null): Promise<unknown> {
  if (part === null) return {};
  const text = typeof part === 'string' ? part : await part.text();
  try {
    const metadata: unknown = JSON.parse(text);
    if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) return metadata;
  } catch {}
  throw invalid('metadata', 'Should be a JSON object');
}

/**
 * Replicate's Files API: upload (multipart), list, get, delete, and the bytes at a download URL. An
 * upload belongs to the account that made it, as a prediction does: another account finds nothing.
 */
export function fileRoutes({ store, origin, secrets, registry, caller }: SurfaceDeps): Hono {
  const app = new Hono();

  const uploadOf = (c: Context) => {
    const raw = c.req.param('id') as string;
    const uuid = fromReplicateId(raw);
    const file = uuid === undefined ? undefined : store.getFile(uuid);
    if (!file?.upload || !registry.mayUse(caller(c), file))
      throw new HttpError(404, `File ${raw.slice(0, 100)} not found.`);
    return { ...file, upload: file.upload, size: file.bytes.length };
  };

  /** Up to `limit` of the caller's uploads older than position `before`, newest first, and whether more follow. */
  const uploadsOf = (c: Context, before: number | undefined, limit: number) => {
    const found: UploadSummary[] = [];
    const user = caller(c);
    for (let after = before; ; ) {
      const batch = store.listUploads(after, PAGE_SIZE);
      for (const file of batch) {
        if (!registry.mayUse(user, file)) continue;
        if (found.length === limit) return { page: found, more: true };
        found.push(file);
      }
      if (batch.length < PAGE_SIZE) return { page: found, more: false };
      after = (batch.at(-1) as UploadSummary).position;
    }
  };

  app.post('/files', async (c) => {
    const form = await formOf(c);
    const content = form.get('content');
    if (!(content instanceof Blob))
      throw invalid('content', 'Field required: the file, as a part named `content`', 'missing');
    const metadata = await metadataOf(form.get('metadata'));
    const bytes = new Uint8Array(await content.arrayBuffer());
    const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    const name = (content as File).name || `upload_${Date.now()}`;
    const file: StoredFile = {
      id: crypto.randomUUID(),
      contentType: content.type || 'application/octet-stream',
      bytes,
      createdAt: isoTimestamp(),
      upload: { name, metadata, sha256, creator: caller(c).id },
    };
    store.putFile(file);
    const object = toFileObject(
      { ...file, upload: file.upload as FileUpload, size: bytes.length },
      origin(c),
    );
    c.header('location', object.urls.get);
    return c.json(object, 201);
  });

  app.get('/files', (c) => {
    const before = decodeCursor(c.req.query('cursor'), isPosition)?.p;
    const { page, more } = uploadsOf(c, before, PAGE_SIZE);
    const last = page.at(-1);
    const next = last && more ? encodeCursor({ p: last.position }) : null;
    const results = page.map((file) => toFileObject(file, origin(c)));
    return c.json(replicatePage(c, origin(c), results, next, null));
  });

  app.get('/files/:id', (c) => c.json(toFileObject(uploadOf(c), origin(c))));

  app.delete('/files/:id', (c) => {
    const { id } = uploadOf(c);
    store.deleteFile(id);
    return c.body(null, 204);
  });

  // any file's bytes: a model's output (the download URLs in outputs), or an upload, which a signed
  // URL opens for whoever holds it and an unsigned one for its own account only
  app.on(['GET', 'HEAD'], '/files/:id/download', (c) => {
    const raw = c.req.param('id');
    const uuid = fromReplicateId(raw);
    const file = uuid === undefined ? undefined : store.getFile(uuid);
    const query = new URL(c.req.url).searchParams;
    const signed = query.has('signature');
    if (signed && !downloadAllowed(secrets.urlKey, raw, query)) {
      throw new HttpError(403, 'This download URL is not signed by this server, or it has expired.');
    }
    if (!file || (!signed && !registry.mayUse(caller(c), file))) {
      throw new HttpError(404, `File ${raw.slice(0, 100)} not found.`);
    }
    return serveFile(c, file);
  });

  return app;
}
