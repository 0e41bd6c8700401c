/**
 * Asynchronous invocation as Lambda does it for EventBridge and Scheduler targets: the caller does
 * not wait, a failure is retried `retryAttempts` times with a short backoff, and after the last
 * failure the event and its error go to the function's dead-letter file (or an in-memory list).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, type LocalLogger } from './log';

export type Invoke = (functionName: string, event: unknown) => Promise<unknown>;

export interface DeliveryTarget {
  functionName: string;
  retryAttempts: number;
  /** What sent it, for logs and dead letters: a rule id or `schedule:<name>`. */
  via: string;
  /** An id for logs (the event id); never the event's content. */
  eventId?: string;
}

export interface DeadLetter {
  functionName: string;
  via: string;
  eventId?: string;
  attempts: number;
  failedAt: string;
  error: { name: string; message: string; stack?: string };
  event: unknown;
}

export interface AsyncDeliveryOptions {
  invoke: Invoke;
  /** Folder for `<function>.jsonl` dead-letter files; null keeps dead letters in memory only. */
  deadLetterDir?: string | null;
  /** First retry delay; doubles on each retry. */
  backoffMs?: number;
  log: LocalLogger;
}

export class AsyncDelivery {
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly letters: DeadLetter[] = [];
  private stopped = false;

  constructor(private readonly options: AsyncDeliveryOptions) {
    if (options.deadLetterDir) mkdirSync(options.deadLetterDir, { recursive: true });
  }

  /** Starts delivering and returns at once. Each attempt gets its own copy, as a serialised event would be. */
  deliver(target: DeliveryTarget, event: unknown): void {
    if (this.stopped) throw new Error('local delivery is stopped');
    this.inFlight += 1;
    void this.attempt(target, event, 1).finally(() => this.settle());
  }

  /** Resolves when no delivery (including retries and the deliveries they cause) is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  deadLetters(functionName?: string): readonly DeadLetter[] {
    return functionName ? this.letters.filter((letter) => letter.functionName === functionName) : [...this.letters];
  }

  /** Cancels pending retries (they are not dead-lettered) and releases anyone waiting on `idle()`. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.inFlight = 0;
    this.releaseWaiters();
  }

  private async attempt(target: DeliveryTarget, event: unknown, attempt: number): Promise<void> {
    const { functionName, via, eventId } = target;
    try {
      await this.options.invoke(functionName, structuredClone(event));
      this.options.log.info('delivered', { functionName, via, eventId, attempt });
    } catch (error) {
      if (this.stopped) return;
      const maxAttempts = target.retryAttempts + 1;
      if (attempt >= maxAttempts) return this.deadLetter(target, event, attempt, error);
      const delayMs = (this.options.backoffMs ?? 100) * 2 ** (attempt - 1);
      this.options.log.warn('delivery failed, will retry', { functionName, via, eventId, attempt, maxAttempts, delayMs, error: describeError(error) });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          resolve();
        }, delayMs);
        this.retryTimers.add(timer);
      });
      if (!this.stopped) await this.attempt(target, event, attempt + 1);
    }
  }

  private deadLetter(target: DeliveryTarget, event: unknown, attempts: number, error: unknown): void {
    const { name, message } = describeError(error);
    const letter: DeadLetter = {
      functionName: target.functionName,
      via: target.via,
      eventId: target.eventId,
      attempts,
      failedAt: new Date().toISOString(),
      error: { name, message, stack: error instanceof Error ? error.stack : undefined },
      event,
    };
    this.letters.push(letter);
    let file: string | undefined;
    if (this.options.deadLetterDir) {
      file = join(this.options.deadLetterDir, `${target.functionName}.jsonl`);
      appendFileSync(file, `${JSON.stringify(letter)}\n`);
    }
    this.options.log.error('dead-lettered', { functionName: target.functionName, via: target.via, eventId: target.eventId, attempts, error: { name, message }, file });
  }

  private settle(): void {
    if (this.inFlight > 0) this.inFlight -= 1;
    if (this.inFlight === 0) this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
