/**
 * Runs the deployed handler code in this process, as Lambda would: the module is imported once on
 * first use (its cold start reads the environment, so start.ts sets it before), and each call gets a
 * Lambda-shaped context and the function's timeout from the wiring manifest.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../infra/wiring';
import { LOCAL_ACCOUNT_ID } from './account';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

/** The handlers' structured logger, and the shared modules that hold on to it (they log for the handler). */
const PER_FUNCTION_MODULES = [require.resolve('../functions/shared/logger'), require.resolve('../functions/shared/http-errors')];

export class FunctionTimeoutError extends Error {
  override name = 'Sandbox.Timedout';
}

export class HandlerNotFoundError extends Error {
  override name = 'HandlerNotFoundError';
}

export interface LocalFunctionsOptions {
  functions: readonly FunctionSpec[];
  handlersDir: string;
  region: string;
  /** Handlers to use instead of the files (tests). */
  overrides?: Readonly<Record<string, LambdaHandler>>;
}

export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<LambdaHandler>>();

  constructor(private readonly options: LocalFunctionsOptions) {}

  handlerFile(name: string): string {
    return join(this.options.handlersDir, `${name}.ts`);
  }

  /** Cold-starts every handler whose file exists; reports the missing ones and the ones that failed to load. */
  async preload(): Promise<{ loaded: string[]; missing: string[]; failed: Array<{ name: string; error: unknown }> }> {
    const report = { loaded: [] as string[], missing: [] as string[], failed: [] as Array<{ name: string; error: unknown }> };
    for (const { name } of this.options.functions) {
      if (!this.options.overrides?.[name] && !existsSync(this.handlerFile(name))) {
        report.missing.push(name);
        continue;
      }
      try {
        await this.load(name);
        report.loaded.push(name);
      } catch (error) {
        report.failed.push({ name, error });
      }
    }
    return report;
  }

  invoke = async (name: string, event: unknown): Promise<unknown> => {
    const spec = this.spec(name);
    const handler = await this.load(name);
    const timeoutMs = spec.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(`Task timed out after ${spec.timeoutSeconds}.00 seconds`)), timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => handler(event, this.context(spec, deadline))), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };

  spec(name: string): FunctionSpec {
    const spec = this.options.functions.find((fn) => fn.name === name);
    if (!spec) throw new HandlerNotFoundError(`no function named ${name} in the wiring manifest`);
    return spec;
  }

  private load(name: string): Promise<LambdaHandler> {
    let handler = this.loaded.get(name);
    if (!handler) {
      handler = this.importHandler(name);
      this.loaded.set(name, handler);
      // A failed cold start is retried on the next call, as a new Lambda sandbox would.
      handler.catch(() => this.loaded.delete(name));
    }
    return handler;
  }

  private async importHandler(name: string): Promise<LambdaHandler> {
    const override = this.options.overrides?.[name];
    if (override) return override;
    const file = this.handlerFile(name);
    if (!existsSync(file)) throw new HandlerNotFoundError(`${name}: ${file} does not exist`);
    // Each function gets its own logger, as each Lambda has its own sandbox: with the one module instance
    // every handler would share a logger, and lines of one function would carry another's name whenever
    // two ran at once. (Under Jest, whose module registry ignores require.cache, this changes nothing.)
    for (const shared of PER_FUNCTION_MODULES) delete require.cache[shared];
    const module = (await import(file)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new HandlerNotFoundError(`${name}: ${file} exports no handler function`);
    return module.handler as LambdaHandler;
  }

  private context(spec: FunctionSpec, deadline: number): Context {
    const unsupported = () => {
      throw new Error('callback-style completion is not supported; return a promise');
    };
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: spec.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.options.region}:${LOCAL_ACCOUNT_ID}:function:${spec.name}`,
      memoryLimitInMB: String(spec.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${spec.name}`,
      logStreamName: `local/${spec.name}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: unsupported,
      fail: unsupported,
      succeed: unsupported,
    };
  }
}
