import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseMatrix, type ResponseMatrix } from '../core/matrix/load';

/**
 * Reads the matrix YAML the stack bundles next to the handler (LAMBDA_TASK_ROOT) or, locally, the
 * repo's config/response-matrix.yaml (relative to the working directory).
 */
export function loadMatrixFile(path: string): ResponseMatrix {
  const base = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  const file = isAbsolute(path) ? path : resolve(base, path);
  return parseMatrix(readFileSync(file, 'utf8'), path);
}
