/**
 * The expected outcome of each corpus file, read from the "Expected" column of the corpus's own
 * SOURCES.md (../shared/acceptance/webhooks/SOURCES.md), never restated here. The leading phrase is
 * the outcome; a few recognised clauses after it become extra checks; anything else is shown, not checked.
 *
 * Outcomes (SOURCES.md, "How to read Expected"):
 *   N interaction(s)  N new inbound interactions (the trust's own items are never inbound)
 *   enrich            1 inbound interaction flagged needsEnrichment
 *   update            no new interaction; an InteractionEdited, and the log holds the edit
 *   delete            no new interaction; an InteractionDeleted, and the log holds a tombstone without text
 *   ops               no interaction; a ConnectorHealthChanged
 *   own               no inbound interaction; the trust's own item recognised (ownAccount)
 *   ignore            no inbound interaction, edit, deletion or health signal. The issue asks for the
 *                     trust's own echoes to be kept as outbound replies (response-time metrics), so an
 *                     own-account record is allowed here and shown in the row.
 * When a cell offers alternatives ("own (literal); if the harness ignores ...: 1 interaction",
 * "delete (or ignore if ...)"), the first, literal one is checked, with only its own clauses.
 * "as above" takes the outcome of the row above it.
 */
import type { Interaction } from '../../events';

export type Outcome = 'interactions' | 'enrich' | 'update' | 'delete' | 'ops' | 'own' | 'ignore';

export interface Observed {
  /** The delivery as sent (clauses may name one of its fields, e.g. "parent=reply_to.mid"). */
  payload: unknown;
  interactions: Interaction[];
  edits: number;
  deletions: number;
  health: number;
}

export interface Clause {
  label: string;
  check(observed: Observed): boolean;
}

export interface Expectation {
  file: string;
  /** The Expected cell as written. */
  text: string;
  outcome: Outcome;
  count: number;
  clauses: Clause[];
}

export class ExpectationError extends Error {
  override name = 'ExpectationError';
}

/** Every `| file | ... | Expected |` row of the tables in SOURCES.md, by file name. */
export function readExpectations(sourcesMd: string): Map<string, Expectation> {
  const expectations = new Map<string, Expectation>();
  let expectedColumn = -1;
  let previous: Expectation | undefined;
  for (const line of sourcesMd.split('\n')) {
    if (!line.startsWith('|')) {
      expectedColumn = -1;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells[0] === 'file') {
      expectedColumn = cells.findIndex((cell) => cell.toLowerCase() === 'expected');
      continue;
    }
    if (expectedColumn < 0 || /^-+$/.test(cells[0] ?? '')) continue;
    const file = cells[0] ?? '';
    // A middle cell may itself contain `|` (code spans): the Expected column is counted from the end.
    const text = cells[cells.length - 1] ?? '';
    if (!file) continue;
    previous = parseExpected(file, text, previous);
    expectations.set(file, previous);
  }
  return expectations;
}

/** The first alternative of a cell: up to "; if ...", "(or ...", "— or ..." or " or ...". */
export function primaryPart(text: string): string {
  const cut = /\s*(?:;\s*if\b|\(or\b|—\s*or\b|\bor\b)/i.exec(text);
  return (cut ? text.slice(0, cut.index) : text).trim();
}

export function parseExpected(file: string, text: string, above?: Expectation): Expectation {
  const primary = primaryPart(text);
  const lower = primary.toLowerCase();
  const counted = /^(\d+) interactions?\b/.exec(lower);
  const named = /^(update|delete|ignore|ops|own|enrich)\b/.exec(lower);
  let outcome: Outcome;
  let count: number;
  if (counted) [outcome, count] = ['interactions', Number(counted[1])];
  else if (named) [outcome, count] = [named[1] as Outcome, named[1] === 'enrich' ? 1 : 0];
  else if (/^as above\b/.test(lower) && above) [outcome, count] = [above.outcome, above.count];
  else throw new ExpectationError(`${file}: cannot read the expected outcome "${text}"`);
  return { file, text, outcome, count, clauses: outcome === 'interactions' || outcome === 'enrich' || outcome === 'own' ? clausesOf(primary) : [] };
}

/** The clauses of the Expected text this harness can check; each names what it checks. */
function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  const some = (predicate: (item: Interaction) => boolean) => (observed: Observed) => observed.interactions.some(predicate);
  const all = (predicate: (item: Interaction) => boolean) => (observed: Observed) =>
    observed.interactions.length > 0 && observed.interactions.every(predicate);

  if (/is_private=true/i.test(text)) clauses.push({ label: 'private', check: all((item) => item.flags.private) });
  if (/\bpublic\b/i.test(text)) clauses.push({ label: 'public', check: all((item) => !item.flags.private) });
  // `parent=123`, `parent=<field> 123` ("parent=replied_to.id 567890"), or `parent=<field>` alone
  // ("parent=reply_to.mid"): then the value is that field's in the delivery itself.
  for (const match of text.matchAll(/parent=([^\s,;)]+)(?:\s+(\d[\d_]*))?/g)) {
    const token = match[1] as string;
    const given = match[2] ?? (/^[a-z_]+(\.[a-z_]+)+$/.test(token) ? undefined : token);
    clauses.push({
      label: `parent=${given ?? token}`,
      check: (observed) => {
        const parent = given ?? fieldValue(observed.payload, token.split('.'));
        return parent !== undefined && observed.interactions.some((item) => item.parentId === parent);
      },
    });
  }
  const permalink = /permalink derivable as (https?:\/\/[^\s,;)]+)/i.exec(text);
  if (permalink) clauses.push({ label: `permalink=${permalink[1]}`, check: some((item) => item.permalink === permalink[1]) });
  else if (/permalink given/i.test(text)) clauses.push({ label: 'permalink', check: some((item) => Boolean(item.permalink)) });
  for (const match of text.matchAll(/media=\[?([a-z_]+)\]?/gi)) {
    const kind = (match[1] as string).toLowerCase();
    clauses.push({ label: `media ${kind}`, check: some((item) => item.mediaKinds.includes(kind)) });
  }
  if (/media unsupported/i.test(text)) clauses.push({ label: 'media unsupported', check: some((item) => item.mediaKinds.some((kind) => kind.includes('unsupported'))) });
  if (/text empty|no text|\(empty text\)/i.test(text)) clauses.push({ label: 'no text', check: some((item) => item.text === '') });
  if (/author handle\/name resolved/i.test(text)) {
    clauses.push({ label: 'author handle+name', check: some((item) => Boolean(item.author.handle && item.author.displayName)) });
  }
  if (/author is a urn only/i.test(text)) {
    clauses.push({ label: 'author urn only', check: some((item) => Boolean(item.author.id?.startsWith('urn:li:')) && !item.author.displayName) });
  }
  const fallback = /falls back to entry\.time \((\d+)\)/i.exec(text);
  if (fallback) {
    const iso = new Date(Number(fallback[1]) * 1000).toISOString();
    clauses.push({ label: `occurredAt=${iso}`, check: some((item) => item.occurredAt === iso) });
  }
  return clauses;
}

/** The first string or number found at `path` anywhere in the payload (depth-first). */
export function fieldValue(value: unknown, path: string[]): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = fieldValue(item, path);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  let at: unknown = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  if (typeof at === 'string' || typeof at === 'number') return String(at);
  for (const inner of Object.values(value)) {
    const found = fieldValue(inner, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The outcome check itself: what was published for the delivery, by kind. */
export function meetsOutcome(expectation: Expectation, observed: Observed): { ok: boolean; why: string } {
  const inbound = observed.interactions.filter((item) => !item.flags.ownAccount);
  const own = observed.interactions.length - inbound.length;
  const others = observed.edits + observed.deletions + observed.health;
  const summary = `inbound ${inbound.length}, own ${own}, edits ${observed.edits}, deletions ${observed.deletions}, ops ${observed.health}`;
  let ok: boolean;
  switch (expectation.outcome) {
    case 'interactions':
      ok = inbound.length === expectation.count && own === 0 && others === 0;
      break;
    case 'enrich':
      ok = inbound.length === 1 && inbound[0]!.flags.needsEnrichment && own === 0 && others === 0;
      break;
    case 'update':
      ok = observed.interactions.length === 0 && observed.edits > 0 && observed.deletions + observed.health === 0;
      break;
    case 'delete':
      ok = observed.interactions.length === 0 && observed.deletions > 0 && observed.edits + observed.health === 0;
      break;
    case 'ops':
      ok = observed.interactions.length === 0 && observed.health > 0 && observed.edits + observed.deletions === 0;
      break;
    case 'own':
      ok = inbound.length === 0 && own > 0 && others === 0;
      break;
    case 'ignore':
      ok = inbound.length === 0 && others === 0;
      break;
  }
  return { ok, why: summary };
}
