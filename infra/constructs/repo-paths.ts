import { join, resolve } from 'node:path';

/** Where the stacks find the code and config they package; absolute so synth works from any cwd. */
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const HANDLERS_DIR = join(REPO_ROOT, 'functions', 'handlers');
export const LOCK_FILE = join(REPO_ROOT, 'package-lock.json');
export const MATRIX_FILE = join(REPO_ROOT, 'config', 'response-matrix.yaml');
/** The matrix's file name inside each bundle that needs it; the handler resolves it against LAMBDA_TASK_ROOT. */
export const BUNDLED_MATRIX_NAME = 'response-matrix.yaml';
