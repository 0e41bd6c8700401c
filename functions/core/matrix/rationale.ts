import { DateTime } from 'luxon';
import type { Audience, MatrixRule } from './schema';
import { effectivePriority, type FiredRule } from './precedence';

const PUBLIC_REPLY_WORDING: Readonly<Record<MatrixRule['publicReply'], string>> = {
  yes: 'a public reply is expected',
  no: 'no public reply',
  optional: 'a public reply is optional',
  'private-only': 'reply in private only, by a person',
  'holding-line': 'a holding line at most in public',
};

const FALLBACK_REASON: Readonly<Record<Audience, string>> = {
  others: 'No rule’s signals matched',
  'own-account': 'It was posted from the trust’s own account and no rule for own posts fired',
  deleted: 'It was deleted before it was assessed',
};

/**
 * One readable paragraph for the queue and the audit log: which rule decided and why, what else
 * fired, and what the decision means. Built only from the matrix and evidence wording, so it never
 * repeats personal data from the message.
 */
export function rationale(input: {
  primary: FiredRule;
  others: readonly FiredRule[];
  audience: Audience;
  slaDueAt: string | null;
  /** The matrix clock's zone: the due time is written in the trust's local time, as officers read it. */
  timeZone?: string;
  /** The owner team's name (the rule names its id). */
  ownerName?: string;
  language?: string;
  sentiment?: string;
  /** The action as finally decided (a pre-election announcement or major-incident mode changes it). */
  action?: string;
  /** The priority as finally decided, when something after the rules changed it. */
  priority?: string;
  /** What changed the decision after the rules: a change programme, a pre-election period, an incident. */
  notes?: readonly string[];
}): string {
  const { primary, others, audience, slaDueAt } = input;
  const { rule } = primary;
  const priority = effectivePriority(primary);
  const decided = `rule "${rule.id}" decided: ${rule.category}, ${priority}`;
  const why =
    primary.signals.length > 0
      ? `${capitalise(decided)}, because of ${listOf(primary.signals.map((s) => s.evidence))}.`
      : `${FALLBACK_REASON[audience]}, so the default ${decided}.`;
  const raised = primary.raised ? ` Raised from ${rule.priority} to ${primary.raised.priority}: ${sentence(primary.raised.reason)}` : '';
  const tie = others.some((o) => effectivePriority(o) === priority);
  const also =
    others.length > 0
      ? ` Also matched: ${others.map((o) => `${o.rule.id} (${effectivePriority(o)})`).join(', ')}; the most urgent rule decides` +
        `${tie ? ', and between equals the earlier rule in the matrix' : ''}.`
      : '';
  const due = slaDueAt ? `due by ${localTime(slaDueAt, input.timeZone)}` : 'no deadline (monitor only)';
  const reply = PUBLIC_REPLY_WORDING[rule.publicReply];
  const action = input.action ?? primary.raised?.action ?? rule.action;
  const notes = (input.notes ?? []).map((note) => ` ${sentence(note)}`).join('');
  const finally_ = input.priority && input.priority !== priority ? `${input.priority}; ` : '';
  const means = ` What it means: ${sentence(action)} Owner: ${input.ownerName ?? rule.owner}; ${finally_}${reply}; ${due}.`;
  const welsh = input.language === 'cy' ? ' Written in Welsh: reply in Welsh.' : '';
  const tone = input.sentiment ? ` Sentiment ${input.sentiment} (a qualifier only; it never sets the priority).` : '';
  return why + raised + also + notes + means + welsh + tone;
}

function listOf(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return /[.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Mon 30 Nov 2026, 17:00 (Europe/London)"; the ISO instant itself without a zone. */
function localTime(iso: string, timeZone: string | undefined): string {
  if (!timeZone) return iso;
  const at = DateTime.fromISO(iso, { zone: timeZone });
  return at.isValid ? `${at.toFormat('ccc d LLL yyyy, HH:mm')} (${timeZone})` : iso;
}
