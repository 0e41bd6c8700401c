/** The local S3 stand-in of the raw-delivery archive, reached through the real SDK client and the S3 adapter. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3RawDeliveryArchive } from '../../../functions/adapters/s3-raw-delivery-archive';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { createLogger } from '../../../local/log';
import { startS3, type LocalS3 } from '../../../local/s3';
import { tempDir } from '../support';

const BUCKET = 'nhs-social-test-raw-deliveries';

describe.each([
  ['in folder', true],
  ['in memory', false],
] as const)('local S3 (%s)', (_name, onDisk) => {
  const dir = tempDir('local-s3');
  let s3: LocalS3;
  let client: S3Client;
  let archive: S3RawDeliveryArchive;

  beforeAll(async () => {
    s3 = await startS3({ bucket: BUCKET, dir: onDisk ? join(dir.path, 'raw-deliveries') : null, log: createLogger('test', true) });
    // Path style, as functions/shared/aws-clients.ts makes it when an endpoint override is set.
    client = new S3Client({ endpoint: s3.url, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
    archive = new S3RawDeliveryArchive(client, BUCKET);
  });

  afterAll(async () => {
    client.destroy();
    await s3.close();
    dir.remove();
  });

  const body = Buffer.from('{"text":"caf\\u00e9 \\ud83d\\ude22"}');
  const key = 'messenger/2026/11/24/101501512Z-0123456789abcdef.json';

  it('stores a delivery with PutObject and gives back the exact bytes with GetObject', async () => {
    await archive.put({ key, body, contentType: 'application/json', metadata: { platform: 'messenger', sha256: 'abc' } });
    expect(Buffer.from((await archive.get(key))!)).toEqual(body);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({ ContentType: 'application/json', ContentLength: body.length, Metadata: { platform: 'messenger', sha256: 'abc' } });
    expect(s3.keys()).toContain(key);
  });

  it('answers NoSuchKey for a key it does not have', async () => {
    expect(await archive.get('nope/none.json')).toBeUndefined();
  });

  it('answers NoSuchBucket for any other bucket', async () => {
    await expect(client.send(new GetObjectCommand({ Bucket: 'another-bucket', Key: key }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('refuses a key that would leave its folder', async () => {
    await expect(new S3RawDeliveryArchive(client, BUCKET).put({ key: '../escape.json', body, contentType: 'application/json', metadata: {} })).rejects.toThrow();
    expect(existsSync(join(dir.path, 'escape.json'))).toBe(false);
  });

  if (onDisk) {
    it('keeps each object as a file under raw-deliveries/, with its metadata beside it', () => {
      expect(readFileSync(join(dir.path, 'raw-deliveries', key))).toEqual(body);
      expect(JSON.parse(readFileSync(join(dir.path, 'raw-deliveries', `${key}.s3meta.json`), 'utf8'))).toMatchObject({ contentType: 'application/json' });
    });
  }
});
