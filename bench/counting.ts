/**
 * Counting for the cost run, in this process: a middleware on every SDK client the handlers build
 * (functions/shared/aws-clients.ts `clients`), and a counting wrapper around each handler (the
 * `handlers` overrides of startLocal: the deployed handler, imported lazily, timed per invocation).
 *
 * DynamoDB units are the service's own sizing: every DynamoDB request is sent with
 * `ReturnConsumedCapacity: TOTAL` and the `ConsumedCapacity` dynalite returns (AWS's rules: 1 write
 * unit per 1 KB of the larger of the old and new item, reads 4 KB, eventually consistent half) is added
 * up. A conditional write that fails is charged as 1 write unit (AWS charges failed conditional
 * writes; dynalite returns no capacity with the error).
 */
import type { Context } from 'aws-lambda';
import { clients } from '../functions/shared/aws-clients';
import { entrySize, type PutEventsRequestEntry } from '../local/event-bus';
import type { LambdaHandler } from '../local/lambda';
import { PATHS } from '../local/paths';
import { join } from 'node:path';

export interface Counts {
  /** `<client>.<command>` → requests. */
  requests: Record<string, number>;
  /** PutEvents entries and their 64 KB chunks (what EventBridge bills). */
  eventEntries: number;
  eventChunks: number;
  writeUnits: number;
  readUnits: number;
  failedConditionalWrites: number;
  /** Per function: invocations and their durations (ms). */
  invocations: Record<string, number[]>;
}

export function emptyCounts(): Counts {
  return { requests: {}, eventEntries: 0, eventChunks: 0, writeUnits: 0, readUnits: 0, failedConditionalWrites: 0, invocations: {} };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

type AnyClient = { middlewareStack: { add: (mw: unknown, options: Record<string, unknown>) => void } };

/** Installs the counting middleware on every client `clients` builds; call before startLocal loads the handlers. */
export function countClients(counts: Counts): void {
  const patched = new WeakSet<object>();
  const table = clients as unknown as Record<string, () => AnyClient>;
  for (const key of Object.keys(table)) {
    const original = table[key]!;
    table[key] = () => {
      const client = original();
      if (!patched.has(client)) {
        patched.add(client);
        client.middlewareStack.add(counter(counts), { step: 'build', priority: 'high', name: 'benchCounter' });
      }
      return client;
    };
  }
}

function counter(counts: Counts) {
  return (next: (args: any) => Promise<any>, context: { clientName?: string; commandName?: string }) => async (args: any) => {
    const client = String(context.clientName ?? 'client').replace(/Client$/, '');
    const command = String(context.commandName ?? 'command').replace(/Command$/, '');
    counts.requests[`${client}.${command}`] = (counts.requests[`${client}.${command}`] ?? 0) + 1;
    const request = args.request as { headers: Record<string, string>; body?: unknown };
    const headers = request?.headers ?? {};
    const target = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1] ?? '';
    if (client === 'EventBridge' && command === 'PutEvents') {
      for (const entry of (args.input?.Entries ?? []) as PutEventsRequestEntry[]) {
        counts.eventEntries += 1;
        counts.eventChunks += Math.max(1, Math.ceil(entrySize(entry) / (64 * 1024)));
      }
    }
    const raw = request?.body;
    const text = typeof raw === 'string' ? raw : raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : undefined;
    if (!target.startsWith('DynamoDB_') || text === undefined) return next(args);
    const operation = target.split('.')[1] ?? '';
    const body = JSON.parse(text) as Record<string, unknown>;
    body.ReturnConsumedCapacity = 'TOTAL';
    const json = JSON.stringify(body);
    request.body = typeof raw === 'string' ? json : new TextEncoder().encode(json);
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-length') headers[name] = String(Buffer.byteLength(json));
    try {
      const result = await next(args);
      const consumed = result.output?.ConsumedCapacity as { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (WRITES.has(operation)) counts.writeUnits += units;
      else counts.readUnits += units;
      return result;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException' && WRITES.has(operation)) {
        counts.failedConditionalWrites += 1;
        counts.writeUnits += 1;
      }
      throw error;
    }
  };
}

/** The deployed handlers, each wrapped to count and time its invocations (imported on first use, after the environment is set). */
export function countingHandlers(names: readonly string[], counts: Counts): { handlers: Record<string, LambdaHandler>; warm: () => Promise<void> } {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  const load = (name: string) => {
    let handler = loaded.get(name);
    if (!handler) {
      handler = import(join(PATHS.handlersDir, `${name}.ts`)).then((module: { handler: LambdaHandler }) => module.handler);
      loaded.set(name, handler);
    }
    return handler;
  };
  const handlers = Object.fromEntries(
    names.map((name) => [
      name,
      async (event: unknown, context: Context) => {
        const handler = await load(name);
        const started = performance.now();
        try {
          return await handler(event, context);
        } finally {
          (counts.invocations[name] ??= []).push(performance.now() - started);
        }
      },
    ]),
  );
  return { handlers, warm: async () => void (await Promise.all(names.map(load))) };
}
