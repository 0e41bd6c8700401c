import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawDelivery, RawDeliveryArchive } from '../core/ports';

/**
 * Raw platform deliveries in the archive bucket (stateful stack: KMS-encrypted by default, TLS only,
 * expiring by lifecycle). Locally the same calls reach local/s3.ts, which keeps them as files.
 */
export class S3RawDeliveryArchive implements RawDeliveryArchive {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(delivery: RawDelivery): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: delivery.key,
        Body: delivery.body,
        ContentType: delivery.contentType,
        Metadata: delivery.metadata,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
