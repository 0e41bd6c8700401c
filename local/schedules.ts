/**
 * The manifest's `schedule` triggers as timers: the same cron fields in the same time zone as the
 * stack's EventBridge Scheduler schedules. Each firing is an asynchronous invocation (retries, then
 * dead letter), like Scheduler's.
 */
import { DateTime } from 'luxon';
import type { FunctionSpec } from '../infra/wiring';
import { nextFireTime } from './cron';
import type { LocalLogger } from './log';

/** setTimeout's ceiling; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ScheduleState {
  functionName: string;
  next: DateTime;
}

export interface LocalSchedules {
  list(): ScheduleState[];
  stop(): void;
}

export function startSchedules(options: {
  functions: readonly FunctionSpec[];
  fire: (fn: FunctionSpec, input: Record<string, unknown>) => void;
  log: LocalLogger;
}): LocalSchedules {
  const { fire, log } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  const next = new Map<string, DateTime>();

  function arm(fn: FunctionSpec): void {
    if (fn.trigger.kind !== 'schedule') return;
    const { cron, timeZone, input } = fn.trigger;
    const at = nextFireTime(cron, timeZone, DateTime.now());
    next.set(fn.name, at);
    const wait = () => {
      const remaining = at.toMillis() - Date.now();
      if (remaining > 0) {
        timers.set(fn.name, setTimeout(wait, Math.min(remaining, MAX_TIMER_MS)).unref());
        return;
      }
      log.info('schedule fired', { functionName: fn.name, scheduledFor: at.toISO() });
      fire(fn, input);
      arm(fn);
    };
    wait();
  }

  options.functions.forEach(arm);
  return {
    list: () => [...next].map(([functionName, at]) => ({ functionName, next: at })),
    stop: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
