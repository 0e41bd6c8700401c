/**
 * The local EventBridge bus: validates PutEvents entries as AWS does (shared/domain/
 * eventbridge-semantics.md §13–14), wraps each accepted one in the EventBridge envelope, archives it,
 * and hands it asynchronously to every rule whose pattern matches. Rules are the manifest's
 * `eventRules()`, so the local bus routes with exactly the patterns the stack deploys.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RuleSpec } from '../infra/wiring';
import type { AsyncDelivery, DeadLetter } from './async-delivery';
import { matches } from './event-pattern';
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
}

/** A whole-request rejection (AWS answers 400 ValidationException). */
export class PutEventsValidationError extends Error {
  override name = 'ValidationException';
}

export interface LocalBusOptions {
  name: string;
  region: string;
  rules: readonly RuleSpec[];
  delivery: AsyncDelivery;
  /** JSONL file that receives every accepted event; null keeps the archive in memory only. */
  archiveFile?: string | null;
  /**
   * Size limit of one request's entries, computed as AWS does (§14). AWS documents 256 KB; it
   * announced 1 MB in 2026, so it is configurable.
   */
  maxRequestBytes?: number;
  log: LocalLogger;
}

export interface LocalBus {
  readonly name: string;
  readonly arn: string;
  readonly rules: readonly RuleSpec[];
  putEvents(entries: unknown): PutEventsResult;
  /** Resolves when no delivery is in flight (including deliveries caused by handlers publishing). */
  idle(): Promise<void>;
  /** Events accepted since this bus started, in order. */
  archived(): readonly EventEnvelope[];
  deadLetters(functionName?: string): readonly DeadLetter[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
const MAX_ENTRIES = 10;

export function createLocalBus(options: LocalBusOptions): LocalBus {
  const { name, region, rules, delivery, log } = options;
  const arn = `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const archive: EventEnvelope[] = [];
  if (options.archiveFile) mkdirSync(dirname(options.archiveFile), { recursive: true });

  function putEvents(entries: unknown): PutEventsResult {
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw new PutEventsValidationError(`Entries must hold 1 to ${MAX_ENTRIES} entries`);
    }
    const size = entries.reduce<number>((total, entry: PutEventsRequestEntry) => total + entrySize(entry), 0);
    if (size > maxRequestBytes) {
      throw new PutEventsValidationError(`Total size of the entries in the request is over the limit (${size} > ${maxRequestBytes} bytes)`);
    }
    const checked = entries.map((entry: PutEventsRequestEntry) => checkEntry(entry));
    if (checked.every((result) => 'missing' in result && result.missing)) {
      throw new PutEventsValidationError('no entry has Source, DetailType and Detail');
    }
    const results = checked.map((result) => ('envelope' in result ? accept(result.envelope) : failed(result)));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  type Checked = { envelope: EventEnvelope } | { ErrorCode: string; ErrorMessage: string; missing?: boolean };

  function checkEntry(entry: PutEventsRequestEntry): Checked {
    const { Source, DetailType, Detail } = entry ?? {};
    if (typeof Source !== 'string' || typeof DetailType !== 'string' || typeof Detail !== 'string' || !Source || !DetailType) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required', missing: true };
    }
    const busName = entry.EventBusName ?? 'default';
    if (busName !== name && busName !== arn) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${String(busName)} does not exist locally (only ${name})` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Detail must be a JSON object.' };
    }
    const time = eventTime(entry.Time);
    if (!time) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Time is not a valid timestamp.' };
    const resources = entry.Resources ?? [];
    if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === 'string')) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Resources must be a list of strings.' };
    }
    return {
      envelope: {
        version: '0',
        id: randomUUID(),
        'detail-type': DetailType,
        source: Source,
        account: LOCAL_ACCOUNT_ID,
        time,
        region,
        resources,
        detail: detail as Record<string, unknown>,
      },
    };
  }

  function accept(envelope: EventEnvelope): PutEventsResultEntry {
    archive.push(envelope);
    if (options.archiveFile) appendFileSync(options.archiveFile, `${JSON.stringify(envelope)}\n`);
    const matched = rules.filter((rule) => matches(rule.event.pattern, envelope));
    log.info('event routed', {
      eventId: envelope.id,
      source: envelope.source,
      detailType: envelope['detail-type'],
      rules: matched.map((rule) => rule.id),
    });
    for (const rule of matched) {
      delivery.deliver({ functionName: rule.functionName, retryAttempts: rule.retryAttempts, via: rule.id, eventId: envelope.id }, envelope);
    }
    return { EventId: envelope.id };
  }

  return {
    name,
    arn,
    rules,
    putEvents,
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
