/**
 * Asynchronous invocation as Lambda does it for EventBridge and Scheduler targets: the caller does
 * not wait, a failure is retried `retryAttempts` times with a short backoff, and after the last
 * failure the event and its error go to the function's dead-letter file (or an in-memory list), one
 * per function as the stack has one dead-letter queue per function. `redrive` sends them back.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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
  /** How many times this event has been redriven from the dead letters before. */
  redrives?: number;
}

export interface DeadLetter {
  functionName: string;
  via: string;
  eventId?: string;
  attempts: number;
  failedAt: string;
  error: { name: string; message: string; stack?: string };
  /** Set once the letter has been redriven and failed again. */
  redrives?: number;
  event: unknown;
}

export interface RedriveResult {
  functionName: string;
  /** Dead letters sent back. */
  redriven: number;
  /** ...that the function then handled: gone from the dead letters. */
  delivered: number;
  /** ...that failed every attempt again: back in the dead letters, with the new error. */
  failedAgain: number;
}

export interface AsyncDeliveryOptions {
  invoke: Invoke;
  /** Folder for `<function>.jsonl` dead-letter files; null keeps dead letters in memory only. */
  deadLetterDir?: string | null;
  /** First retry delay; doubles on each retry. */
  backoffMs?: number;
  /** The retry policy a redriven letter gets (the function's current one); default no retries. */
  retryAttemptsOf?: (functionName: string) => number;
  log: LocalLogger;
}

type Outcome = 'delivered' | 'dead-lettered' | 'stopped';

const LETTER_FILE = /^(.+)\.jsonl$/;
/** A file being redriven: `<function>.jsonl.redrive-<id>`. One left behind by a crash is picked up by the next redrive. */
const CLAIMED_FILE = /^(.+)\.jsonl\.redrive-[A-Za-z0-9-]+$/;

export class AsyncDelivery {
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private letters: DeadLetter[] = [];
  private stopped = false;
  private claims = 0;
  /** Claimed files a redrive in this process is working on (a concurrent redrive leaves them alone). */
  private readonly owned = new Set<string>();

  constructor(private readonly options: AsyncDeliveryOptions) {
    if (options.deadLetterDir) mkdirSync(options.deadLetterDir, { recursive: true });
  }

  /** Starts delivering and returns at once. Each attempt gets its own copy, as a serialised event would be. */
  deliver(target: DeliveryTarget, event: unknown): void {
    void this.start(target, event);
  }

  /** Resolves when no delivery (including retries and the deliveries they cause) is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Dead letters since this process started (the files also hold earlier runs'). */
  deadLetters(functionName?: string): readonly DeadLetter[] {
    return functionName ? this.letters.filter((letter) => letter.functionName === functionName) : [...this.letters];
  }

  /**
   * Sends a function's dead letters (every function's, without a name) back to it with its retry
   * policy. Those it then handles are gone; those that fail every attempt again go back to the
   * dead letters with the new error. The letters are taken out of the file first (a rename), so
   * letters written meanwhile are neither lost nor sent twice.
   */
  async redrive(functionName?: string): Promise<RedriveResult[]> {
    if (this.stopped) throw new Error('local delivery is stopped');
    const names = functionName ? [functionName] : this.functionsWithLetters();
    return Promise.all(names.map((name) => this.redriveFunction(name)));
  }

  /** Cancels pending retries (they are not dead-lettered) and releases anyone waiting on `idle()`. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.inFlight = 0;
    this.releaseWaiters();
  }

  private start(target: DeliveryTarget, event: unknown): Promise<Outcome> {
    if (this.stopped) throw new Error('local delivery is stopped');
    this.inFlight += 1;
    return this.attempt(target, event, 1).finally(() => this.settle());
  }

  private async attempt(target: DeliveryTarget, event: unknown, attempt: number): Promise<Outcome> {
    const { functionName, via, eventId } = target;
    try {
      await this.options.invoke(functionName, structuredClone(event));
      this.options.log.info('delivered', { functionName, via, eventId, attempt });
      return 'delivered';
    } catch (error) {
      if (this.stopped) return 'stopped';
      const maxAttempts = target.retryAttempts + 1;
      if (attempt >= maxAttempts) {
        this.deadLetter(target, event, attempt, error);
        return 'dead-lettered';
      }
      const delayMs = (this.options.backoffMs ?? 100) * 2 ** (attempt - 1);
      this.options.log.warn('delivery failed, will retry', { functionName, via, eventId, attempt, maxAttempts, delayMs, error: describeError(error) });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          resolve();
        }, delayMs);
        this.retryTimers.add(timer);
      });
      return this.stopped ? 'stopped' : this.attempt(target, event, attempt + 1);
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
      ...(target.redrives ? { redrives: target.redrives } : {}),
      event,
    };
    this.letters.push(letter);
    let file: string | undefined;
    if (this.options.deadLetterDir) {
      file = this.letterFile(target.functionName);
      appendFileSync(file, `${JSON.stringify(letter)}\n`);
    }
    this.options.log.error('dead-lettered', { functionName: target.functionName, via: target.via, eventId: target.eventId, attempts, error: { name, message }, file });
  }

  private async redriveFunction(functionName: string): Promise<RedriveResult> {
    const { letters, unreadable, claimedFiles } = this.claim(functionName);
    const dir = this.options.deadLetterDir;
    // A line that is not a dead letter is kept as it was: nothing in the folder is ever lost.
    if (dir && unreadable.length > 0) appendFileSync(this.letterFile(functionName), unreadable.map((line) => `${line}\n`).join(''));
    const retryAttempts = this.options.retryAttemptsOf?.(functionName) ?? 0;
    const outcomes = await Promise.all(
      letters.map((letter) =>
        this.start({ functionName, retryAttempts, via: letter.via, eventId: letter.eventId, redrives: (letter.redrives ?? 0) + 1 }, letter.event),
      ),
    );
    for (const file of claimedFiles) {
      rmSync(file, { force: true });
      this.owned.delete(file);
    }
    const result: RedriveResult = {
      functionName,
      redriven: letters.length,
      delivered: outcomes.filter((outcome) => outcome === 'delivered').length,
      failedAgain: outcomes.filter((outcome) => outcome === 'dead-lettered').length,
    };
    this.options.log.info('redriven', { ...result });
    return result;
  }

  /** Takes a function's dead letters out of the file (and memory) so the redrive owns them. */
  private claim(functionName: string): { letters: DeadLetter[]; unreadable: string[]; claimedFiles: string[] } {
    const inMemory = this.letters.filter((letter) => letter.functionName === functionName);
    this.letters = this.letters.filter((letter) => letter.functionName !== functionName);
    const dir = this.options.deadLetterDir;
    if (!dir) return { letters: inMemory, unreadable: [], claimedFiles: [] };

    const claimedFiles = readdirSync(dir)
      .filter((file) => CLAIMED_FILE.exec(file)?.[1] === functionName)
      .map((file) => join(dir, file))
      .filter((file) => !this.owned.has(file));
    const current = this.letterFile(functionName);
    if (existsSync(current)) {
      const claimed = `${current}.redrive-${process.pid}-${Date.now()}-${this.claims++}`;
      renameSync(current, claimed);
      claimedFiles.push(claimed);
    }
    for (const file of claimedFiles) this.owned.add(file);
    const letters: DeadLetter[] = [];
    const unreadable: string[] = [];
    for (const file of claimedFiles) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          letters.push(JSON.parse(line) as DeadLetter);
        } catch {
          unreadable.push(line);
        }
      }
    }
    return { letters, unreadable, claimedFiles };
  }

  private functionsWithLetters(): string[] {
    const names = new Set(this.letters.map((letter) => letter.functionName));
    const dir = this.options.deadLetterDir;
    if (dir && existsSync(dir)) {
      for (const file of readdirSync(dir)) {
        const name = LETTER_FILE.exec(file)?.[1] ?? CLAIMED_FILE.exec(file)?.[1];
        if (name) names.add(name);
      }
    }
    return [...names].sort();
  }

  private letterFile(functionName: string): string {
    return join(this.options.deadLetterDir!, `${functionName}.jsonl`);
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
