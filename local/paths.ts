import { resolve } from 'node:path';

/** The repository root: every local default is resolved from here, never from the caller's cwd. */
export const REPO_ROOT = resolve(__dirname, '..');

export const PATHS = {
  orgConfig: resolve(REPO_ROOT, 'config/org.yaml'),
  responseMatrix: resolve(REPO_ROOT, 'config/response-matrix.yaml'),
  handlersDir: resolve(REPO_ROOT, 'functions/handlers'),
  secretsFile: resolve(REPO_ROOT, 'local/secrets.json'),
  secretsExample: resolve(REPO_ROOT, 'local/secrets.example.json'),
  /** Local settings (the ops API's dev tokens): git-ignored, made from the example on first start. */
  localConfig: resolve(REPO_ROOT, 'local/config.json'),
  localConfigExample: resolve(REPO_ROOT, 'local/config.example.json'),
  defaultDataDir: resolve(REPO_ROOT, '.local-data'),
  /** The real webhook corpus the demo replays; it lives next to the repo and is never copied in. */
  webhookCorpus: resolve(process.env.NHS_SOCIAL_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared'), 'acceptance/webhooks'),
} as const;

/** Where each kind of local state lives under a data folder. */
export function dataPaths(dataDir: string) {
  return {
    dynamodb: resolve(dataDir, 'dynamodb'),
    deadLetters: resolve(dataDir, 'dead-letters'),
    archive: resolve(dataDir, 'archive/events.jsonl'),
    /** The local S3 stand-in's raw-delivery bucket: one file per archived webhook delivery. */
    rawDeliveries: resolve(dataDir, 'raw-deliveries'),
  };
}
