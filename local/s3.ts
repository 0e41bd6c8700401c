/**
 * A tiny local S3 for the raw-delivery archive: `PutObject`, `GetObject` and `HeadObject` on one
 * bucket, path-style (`/<bucket>/<key>`; the handlers' S3 client switches to path style when an
 * endpoint override is set). Objects are files under the data folder (`raw-deliveries/<key>`, with
 * `<key>.s3meta.json` beside each holding its content type and metadata), or memory without one.
 * Request signatures are not checked; anything else answers S3's XML `NotImplemented`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';
import { closeServer, listen, readBody } from './http-util';
import { describeError, type LocalLogger } from './log';

export interface StoredObject {
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  lastModified: string;
}

export interface LocalS3 {
  url: string;
  bucket: string;
  /** Where objects are kept, or null in memory. */
  dir: string | null;
  /** Every key stored, sorted (tests and the conformance harness). */
  keys(): string[];
  read(key: string): StoredObject | undefined;
  close(): Promise<void>;
}

const MAX_OBJECT_BYTES = 16 * 1024 * 1024;
const META_SUFFIX = '.s3meta.json';

class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

export async function startS3(options: { bucket: string; dir: string | null; port?: number; log: LocalLogger }): Promise<LocalS3> {
  const { bucket, log } = options;
  const dir = options.dir ? resolve(options.dir) : null;
  const memory = new Map<string, StoredObject>();

  const fileOf = (key: string): string => {
    // Keys come from our own code, but a key must never escape the folder.
    if (key === '' || key.split('/').some((part) => part === '..' || part === '.') || key.includes('\\') || key.endsWith(META_SUFFIX)) {
      throw new S3Error('InvalidArgument', 'unsupported object key', 400);
    }
    const file = resolve(dir as string, key);
    if (!file.startsWith(`${dir}${sep}`)) throw new S3Error('InvalidArgument', 'unsupported object key', 400);
    return file;
  };

  const store = {
    put(key: string, object: StoredObject): void {
      if (!dir) return void memory.set(key, object);
      const file = fileOf(key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, object.body);
      const { body: _body, ...meta } = object;
      writeFileSync(`${file}${META_SUFFIX}`, `${JSON.stringify(meta, null, 2)}\n`);
    },
    get(key: string): StoredObject | undefined {
      if (!dir) return memory.get(key);
      const file = fileOf(key);
      if (!existsSync(file)) return undefined;
      const meta = existsSync(`${file}${META_SUFFIX}`) ? JSON.parse(readFileSync(`${file}${META_SUFFIX}`, 'utf8')) : {};
      return { contentType: 'application/octet-stream', metadata: {}, etag: '', lastModified: new Date(0).toUTCString(), ...meta, body: readFileSync(file) };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const key = rest.map((part) => decodeURIComponent(part)).join('/');
    const method = req.method ?? 'GET';
    if (decodeURIComponent(bucketName) !== bucket) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404);
    if (!key) throw new S3Error('NotImplemented', 'bucket-level operations are not implemented locally', 501);

    if (method === 'PUT') {
      if (req.headers['x-amz-copy-source']) throw new S3Error('NotImplemented', 'CopyObject is not implemented locally', 501);
      const body = await readBody(req, MAX_OBJECT_BYTES);
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      const metadata = Object.fromEntries(
        Object.entries(req.headers)
          .filter(([name]) => name.startsWith('x-amz-meta-'))
          .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
      );
      store.put(key, {
        body,
        contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        metadata,
        etag,
        lastModified: new Date().toUTCString(),
      });
      res.writeHead(200, { etag, 'content-length': 0 });
      res.end();
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const object = store.get(key);
      if (!object) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404);
      res.writeHead(200, {
        'content-type': object.contentType,
        'content-length': object.body.length,
        etag: object.etag,
        'last-modified': object.lastModified,
        ...Object.fromEntries(Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value])),
      });
      res.end(method === 'HEAD' ? undefined : object.body);
      return;
    }
    throw new S3Error('NotImplemented', `${method} is not implemented locally`, 501);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const s3Error = error instanceof S3Error ? error : new S3Error('InternalError', 'local S3 error', 500);
      if (!(error instanceof S3Error)) log.error('request failed', { error: describeError(error) });
      if (res.headersSent) return void res.end();
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s3Error.code}</Code><Message>${s3Error.message}</Message></Error>`;
      res.writeHead(s3Error.statusCode, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  const url = await listen(server, options.port);

  const keys = (): string[] => {
    if (!dir) return [...memory.keys()].sort();
    const found: string[] = [];
    const walk = (folder: string, prefix: string) => {
      if (!existsSync(folder)) return;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
        else if (!entry.name.endsWith(META_SUFFIX)) found.push(`${prefix}${entry.name}`);
      }
    };
    walk(dir, '');
    return found.sort();
  };
  return { url, bucket, dir, keys, read: (key) => store.get(key), close: () => closeServer(server) };
}
