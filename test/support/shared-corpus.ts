import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../local/paths';

/** The shared corpus lives beside the checkout (`../shared`, or NHS_SOCIAL_SHARED_DIR), never copied into the repo. */
export const WEBHOOK_CORPUS = PATHS.webhookCorpus;

if (!existsSync(WEBHOOK_CORPUS)) {
  throw new Error(`shared corpus not found at ${WEBHOOK_CORPUS}: clone beside ../shared or set NHS_SOCIAL_SHARED_DIR`);
}

/** The exact bytes of a corpus file: signatures are checked on bytes, never on re-serialised JSON. */
export function corpusBytes(file: string): Buffer {
  return readFileSync(join(WEBHOOK_CORPUS, file));
}

export function corpusJson(file: string): unknown {
  return JSON.parse(corpusBytes(file).toString('utf8'));
}

export interface SignatureVectors {
  published_signature_vectors: Array<{ id: string; header: string; secret: string; body: string; expected_header_value: string; expected_result?: string }>;
  handshakes: Array<{ id: string; request: string; configured_verify_token?: string; expected_response: { status: number | string; body?: unknown } }>;
  derived_signature_vectors: Array<{ file: string; secret: string; header: string; expected_header_value_over_raw_file_bytes: string; WRONG_value_if_body_is_parsed_and_reserialised?: string }>;
}

export function signatureVectors(): SignatureVectors {
  return corpusJson('signature-vectors.json') as SignatureVectors;
}
