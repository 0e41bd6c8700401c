/**
 * The local EventBridge bus: validates PutEvents entries as AWS does (shared/domain/
 * eventbridge-semantics.md §13–14), wraps each accepted one in the EventBridge envelope, archives it
 * (with the archive's own pattern, as the stack's bus archive does), and hands it asynchronously to
 * every rule whose pattern matches. Rules are the manifest's `eventRules()`, so the local bus routes
 * with exactly the patterns the stack deploys; each is validated when the bus is created, so a
 * pattern AWS would refuse stops `npm start` instead of silently never matching.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RuleSpec } from '../infra/wiring';
import type { AsyncDelivery, DeadLetter } from './async-delivery';
import { compilePattern, EventPatternError, flattenEvent, pathFilter, type CompiledPattern, type FlatEvent } from './event-pattern';
import type { LocalLogger } from './log';
import { LOCAL_ACCOUNT_ID } from './account';

export interface PutEventsRequestEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Time?: unknown;
  Resources?: unknown;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  /** Only on replayed events: the replay's name (AWS adds the same field). */
  'replay-name'?: string;
}

/** A whole-request rejection (AWS answers 400 ValidationException). */
export class PutEventsValidationError extends Error {
  override name = 'ValidationException';
}

/** A manifest rule whose pattern EventBridge would refuse: the bus does not start. */
export class InvalidRuleError extends Error {
  override name = 'InvalidRuleError';
}

/** What the stack's bus archive keeps: every event (a `prefix` of '' matches any source). test/infra checks the template agrees. */
export const ARCHIVE_EVENT_PATTERN = { source: [{ prefix: '' }] } as const;

export interface ReplayRequest {
  name: string;
  /** Events whose envelope `time` is at or after `from` and before `to` are replayed. */
  from: Date;
  to: Date;
  /** Only these rule ids (default: every rule). */
  ruleIds?: readonly string[];
}

export interface ReplayResult {
  name: string;
  /** Events in the window, each sent to the rules it matches. */
  replayed: number;
  deliveries: number;
  lastReplayedTime?: string;
}

export interface LocalBusOptions {
  name: string;
  region: string;
  rules: readonly RuleSpec[];
  delivery: AsyncDelivery;
  /** JSONL file that receives every archived event; null keeps the archive in memory only. */
  archiveFile?: string | null;
  /**
   * Size limit of one request's entries, computed as AWS does (§14). AWS documents 256 KB and
   * announced 1 MB in 2026; the default is the stricter one.
   */
  maxRequestBytes?: number;
  log: LocalLogger;
}

export interface LocalBus {
  readonly name: string;
  readonly arn: string;
  /** The local stand-in for the stack's bus archive. */
  readonly archiveArn: string;
  readonly rules: readonly RuleSpec[];
  readonly maxRequestBytes: number;
  putEvents(entries: unknown): PutEventsResult;
  /** Re-sends archived events to the rules (not to the archive again), as StartReplay does. */
  replay(request: ReplayRequest): ReplayResult;
  /** Resolves when no delivery is in flight (including deliveries caused by handlers publishing). */
  idle(): Promise<void>;
  /** Events archived since this bus started, in order. */
  archived(): readonly EventEnvelope[];
  deadLetters(functionName?: string): readonly DeadLetter[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const MAX_ENTRIES = 10;

export function localBusArn(region: string, busName: string): string {
  return `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/${busName}`;
}

export function localArchiveArn(region: string, busName: string): string {
  return `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:archive/${busName}-archive`;
}

export function localRuleArn(region: string, busName: string, ruleId: string): string {
  return `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${busName}/${ruleId}`;
}

/** Compiles every rule's pattern; the first one EventBridge would refuse stops the bus with a clear message. */
export function compileRules(rules: readonly RuleSpec[]): Array<{ rule: RuleSpec; pattern: CompiledPattern }> {
  return rules.map((rule) => {
    try {
      return { rule, pattern: compilePattern(rule.event.pattern) };
    } catch (error) {
      if (!(error instanceof EventPatternError)) throw error;
      throw new InvalidRuleError(
        `rule ${rule.id} (target ${rule.functionName}) has an event pattern EventBridge would reject: ${error.message}\n` +
          `  pattern: ${JSON.stringify(rule.event.pattern)}\n` +
          '  fix the event contract in events/ (or the rule in infra/wiring.ts); the deployed PutRule would fail the same way',
      );
    }
  });
}

export function createLocalBus(options: LocalBusOptions): LocalBus {
  const { name, region, rules, delivery, log } = options;
  const arn = localBusArn(region, name);
  const archiveArn = localArchiveArn(region, name);
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const compiled = compileRules(rules);
  const archivePattern = compilePattern(ARCHIVE_EVENT_PATTERN);
  // Each event is flattened once, and only along the paths some rule (or the archive) reads.
  const paths = pathFilter([...archivePattern.paths, ...compiled.flatMap(({ pattern }) => pattern.paths)]);
  const archive: EventEnvelope[] = [];
  if (options.archiveFile) mkdirSync(dirname(options.archiveFile), { recursive: true });

  function putEvents(entries: unknown): PutEventsResult {
    if (!Array.isArray(entries) || entries.length < 1) {
      throw new PutEventsValidationError("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (entries.length > MAX_ENTRIES) {
      throw new PutEventsValidationError(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
      );
    }
    const size = entries.reduce<number>((total, entry: PutEventsRequestEntry) => total + entrySize(entry), 0);
    if (size > maxRequestBytes) {
      throw new PutEventsValidationError(`Total size of the entries in the request is over the limit. (${size} > ${maxRequestBytes} bytes)`);
    }
    const checked = entries.map((entry: PutEventsRequestEntry) => checkEntry(entry));
    if (checked.every((result) => 'missing' in result && result.missing)) {
      throw new PutEventsValidationError('Parameter Entries is not valid: no entry has Source, DetailType and Detail.');
    }
    const results = checked.map((result) => ('envelope' in result ? accept(result.envelope) : failed(result)));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  type Checked = { envelope: EventEnvelope } | { ErrorCode: string; ErrorMessage: string; missing?: boolean };

  function checkEntry(entry: PutEventsRequestEntry): Checked {
    const { Source, DetailType, Detail } = entry ?? {};
    for (const [parameter, value] of [['Source', Source], ['DetailType', DetailType], ['Detail', Detail]] as const) {
      if (typeof value !== 'string' || value === '') {
        return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${parameter} is a required argument.`, missing: true };
      }
    }
    const busName = entry.EventBusName ?? 'default';
    if (busName !== name && busName !== arn) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${String(busName)} does not exist locally (only ${name})` };
    }
    // "A valid JSON object": anything else, valid JSON or not, is MalformedDetail.
    let detail: unknown;
    try {
      detail = JSON.parse(Detail as string);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const time = eventTime(entry.Time);
    if (!time) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' };
    const resources = entry.Resources ?? [];
    if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === 'string')) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Resources is not valid.' };
    }
    return {
      envelope: {
        version: '0',
        id: randomUUID(),
        'detail-type': DetailType as string,
        source: Source as string,
        account: LOCAL_ACCOUNT_ID,
        time,
        region,
        resources,
        detail: detail as Record<string, unknown>,
      },
    };
  }

  function accept(envelope: EventEnvelope): PutEventsResultEntry {
    const flat = flattenEvent(envelope, paths);
    if (archivePattern.matchesFlat(flat)) {
      archive.push(envelope);
      if (options.archiveFile) appendFileSync(options.archiveFile, `${JSON.stringify(envelope)}\n`);
    }
    const matched = route(envelope, flat, compiled);
    log.info('event routed', { eventId: envelope.id, source: envelope.source, detailType: envelope['detail-type'], rules: matched });
    return { EventId: envelope.id };
  }

  /** Hands the event to every matching rule's target; returns the rule ids. */
  function route(envelope: EventEnvelope, flat: FlatEvent, candidates: typeof compiled): string[] {
    const matched = candidates.filter(({ pattern }) => pattern.matchesFlat(flat)).map(({ rule }) => rule);
    for (const rule of matched) {
      delivery.deliver({ functionName: rule.functionName, retryAttempts: rule.retryAttempts, via: rule.id, eventId: envelope.id }, envelope);
    }
    return matched.map((rule) => rule.id);
  }

  function replay(request: ReplayRequest): ReplayResult {
    const candidates = request.ruleIds ? compiled.filter(({ rule }) => request.ruleIds!.includes(rule.id)) : compiled;
    const from = request.from.getTime();
    const to = request.to.getTime();
    const events = storedArchive().filter((event) => {
      const time = Date.parse(event.time);
      return time >= from && time < to;
    });
    let deliveries = 0;
    for (const event of events) {
      const replayed: EventEnvelope = { ...event, 'replay-name': request.name };
      const matched = route(replayed, flattenEvent(replayed, paths), candidates);
      deliveries += matched.length;
      log.info('event replayed', { replayName: request.name, eventId: event.id, rules: matched });
    }
    return { name: request.name, replayed: events.length, deliveries, lastReplayedTime: events.at(-1)?.time };
  }

  /** The archive file holds every run's events; without one, this run's are in memory. */
  function storedArchive(): EventEnvelope[] {
    if (!options.archiveFile) return [...archive];
    if (!existsSync(options.archiveFile)) return [];
    return readFileSync(options.archiveFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as EventEnvelope);
  }

  return {
    name,
    arn,
    archiveArn,
    rules,
    maxRequestBytes,
    putEvents,
    replay,
    idle: () => delivery.idle(),
    archived: () => [...archive],
    deadLetters: (functionName) => delivery.deadLetters(functionName),
  };
}

function failed(result: { ErrorCode: string; ErrorMessage: string }): PutEventsResultEntry {
  return { ErrorCode: result.ErrorCode, ErrorMessage: result.ErrorMessage };
}

/** AWS's entry size: 14 bytes when Time is set, plus the UTF-8 bytes of Source, DetailType, Detail and Resources. */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const resources = Array.isArray(entry?.Resources) ? entry.Resources : [];
  return (
    (entry?.Time !== undefined ? 14 : 0) +
    bytes(entry?.Source) +
    bytes(entry?.DetailType) +
    bytes(entry?.Detail) +
    resources.reduce<number>((total, resource) => total + bytes(resource), 0)
  );
}

/** The SDK sends Time as epoch seconds (AWS JSON protocol); an ISO string is accepted too. Envelope time has no millis. */
function eventTime(time: unknown): string | undefined {
  const date = time === undefined ? new Date() : typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
