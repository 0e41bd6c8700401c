import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once, at cold start, against a handler's own schema.
 * A missing or bad variable fails the cold start with its name, never later at 2 a.m.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`configuration is not valid: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Reusable pieces of handler config schemas; names match ENV in infra/wiring.ts. */
export const env = {
  required: z.string().min(1),
  timeZone: z.string().min(1).default('Europe/London'),
  commaList: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean)),
  /** A variable holding JSON (the stack serialises config into it), validated by `schema`. */
  json: <S extends z.ZodType>(schema: S) =>
    z
      .string()
      .min(1)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(schema),
};
