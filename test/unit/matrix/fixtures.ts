import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interaction } from '../../../events';
import { parseMatrix } from '../../../functions/core/matrix/load';

export const DEFAULT_MATRIX_PATH = join(__dirname, '../../../config/response-matrix.yaml');
export const defaultMatrixText = readFileSync(DEFAULT_MATRIX_PATH, 'utf8');
export const defaultMatrix = parseMatrix(defaultMatrixText);

/** Tuesday 10 March 2026, 10:00 GMT: inside monitored hours, no bank holiday near. */
export const TUESDAY_MORNING = '2026-03-10T10:00:00Z';

type Overrides = Partial<Omit<Interaction, 'flags'>> & { flags?: Partial<Interaction['flags']> };

export function interaction(text: string, overrides: Overrides = {}): Interaction {
  return {
    id: 'facebook:123_456',
    platform: 'facebook',
    channel: 'public_comment',
    nativeId: '123_456',
    accountId: 'page-1',
    author: { id: 'user-9', displayName: 'A Member of the Public' },
    text,
    occurredAt: TUESDAY_MORNING,
    receivedAt: TUESDAY_MORNING,
    mediaKinds: [],
    ...overrides,
    flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false, ...overrides.flags },
  };
}

/** A small valid matrix, for tests that need to control the rules exactly. */
export function matrixYaml(rules: string): string {
  return `version: "test.1"
name: Test matrix
clock:
  timeZone: Europe/London
  monitoredHours: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00" }
  bankHolidays: england-and-wales
teams:
  - { id: comms, name: Comms }
rules:
${rules}
  - id: own-post
    category: own-post
    priority: monitor
    action: Nothing.
    owner: comms
    publicReply: "no"
    sla: { kind: none }
    appliesTo: [own-account, deleted]
    default: true
  - id: fallback
    category: unclassified
    priority: P3
    action: Read it.
    owner: comms
    publicReply: optional
    sla: { kind: workingDays, value: 2 }
    default: true
`;
}

export function rule(
  id: string,
  priority: string,
  signals: string,
  options: { category?: string; extra?: string } = {},
): string {
  return `  - id: ${id}
    category: ${options.category ?? id}
    priority: ${priority}
    action: Do the ${id} thing.
    owner: comms
    publicReply: "yes"
    sla: { kind: workingHours, value: 1 }
    signals: ${signals}
${options.extra ?? ''}`;
}
