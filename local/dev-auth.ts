/**
 * The ops API's sign-in, locally: API Gateway's JWT authorizer stands in as a table of dev tokens
 * (local/config.json, git-ignored, made from local/config.example.json on first start). A request to a
 * route with `auth: 'jwt'` in the manifest needs `Authorization: Bearer <dev token>`; without a known
 * token the local HTTP API answers 401 as API Gateway does, and the handler is never called. With one,
 * the handler gets the token's claims in `requestContext.authorizer.jwt`, shaped as API Gateway shapes them.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const claimValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const localConfigSchema = z.object({
  opsApi: z.object({
    tokens: z.record(z.string().min(8, 'a dev token must be at least 8 characters'), z.record(z.string(), claimValue)),
  }),
});
export type LocalConfig = z.infer<typeof localConfigSchema>;

export function ensureLocalConfig(file: string, exampleFile: string): { created: boolean } {
  if (existsSync(file)) return { created: false };
  copyFileSync(exampleFile, file);
  return { created: true };
}

export function readLocalConfig(file: string): LocalConfig {
  const result = localConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    throw new Error(`${file} is not valid: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return result.data;
}

/** What API Gateway puts in `requestContext.authorizer` for a verified JWT (payload format 2.0). */
export interface JwtAuthorizerContext {
  principalId: string;
  integrationLatency: number;
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/** Verifies a request's bearer token: its authorizer context, or undefined (the API answers 401). */
export type LocalAuthorizer = (headers: Readonly<Record<string, string>>) => JwtAuthorizerContext | undefined;

export function devTokenAuthorizer(config: LocalConfig): LocalAuthorizer {
  return (headers) => {
    const match = /^Bearer\s+(\S+)\s*$/iu.exec(headers.authorization ?? '');
    const claims = match ? config.opsApi.tokens[match[1]!] : undefined;
    if (!claims) return undefined;
    // API Gateway hands every claim over as a string, arrays as "[a b]".
    const asStrings = Object.fromEntries(
      Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
    );
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : null;
    return { principalId: '', integrationLatency: 0, jwt: { claims: asStrings, scopes } };
  };
}
