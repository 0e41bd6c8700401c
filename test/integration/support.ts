import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusBytes } from '../support/shared-corpus';

export { corpusBytes };

/** A fresh temp folder and its clean-up. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The real Facebook visitor post with a new post id, author and message (for independent scenarios). */
export function visitorPost(postId: string, message: string): Buffer {
  const payload = JSON.parse(corpusBytes('facebook-feed-visitor-post-add.json').toString('utf8'));
  Object.assign(payload.entry[0].changes[0].value, { post_id: postId, message, from: { id: '777000111', name: 'Test Visitor' } });
  return Buffer.from(JSON.stringify(payload));
}
