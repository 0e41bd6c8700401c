/**
 * docs/ops-api.openapi.yaml, read for tests: its operations, and a validator per response built from its
 * JSON Schemas (zod's fromJSONSchema), so an answer that drifts from the document fails the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'ops-api.openapi.yaml');

type Json = Record<string, unknown>;
interface Document {
  openapi: string;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Record<string, Json> };
}

export const openApi = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation as `METHOD /path`, as API Gateway writes a route key. */
export function operations(doc: Document = openApi): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => method in item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

export function operation(routeKey: string, doc: Document = openApi): Json {
  const [method, path] = routeKey.split(' ') as [string, string];
  const found = doc.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`${routeKey} is not in ${OPENAPI_FILE}`);
  return found;
}

/** `#/components/schemas/X` -> `#/$defs/X`, which is what fromJSONSchema resolves. */
function toDefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toDefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? inner.replace('#/components/schemas/', '#/$defs/') : toDefs(inner),
    ]),
  );
}

/** The schema the document gives for an answer: route key, status and media type. */
export function responseSchema(routeKey: string, status: number, mediaType = 'application/json', doc: Document = openApi): z.ZodType {
  const responses = operation(routeKey, doc).responses as Record<string, Json>;
  let response = responses[String(status)];
  if (!response) throw new Error(`${routeKey} documents no ${status} answer`);
  const ref = response.$ref;
  if (typeof ref === 'string') response = doc.components.responses[ref.replace('#/components/responses/', '')]!;
  const schema = (response.content as Record<string, { schema: Json }> | undefined)?.[mediaType]?.schema;
  if (!schema) throw new Error(`${routeKey} ${status} documents no ${mediaType} body`);
  return z.fromJSONSchema({ ...(toDefs(schema) as Json), $defs: toDefs(doc.components.schemas) as Json } as never);
}
