import { DateTime } from 'luxon';
import type { DataOf, EscalationRaised } from '../../../events';
import type { EmailSender, EscalationNotice, EscalationNoticeStore, Pager } from '../ports';
import { categoryLabel } from '../categories';
import { escapeHtml } from '../text/html';
import { channelName, platformName } from '../interactions/wording';
import { consoleLink } from '../sla-watch/watch-sla';

export type Escalation = DataOf<typeof EscalationRaised>;

export interface NotifySettings {
  trustName: string;
  timeZone: string;
  /** The verified SES sender. */
  from: string;
  /** Owner team id -> addresses; `default` for teams not listed. */
  recipients: Readonly<Record<string, readonly string[]>>;
  /** The triage console's address (env CONSOLE_URL); when set, the email links to the item in it. */
  consoleUrl?: string;
}

export interface NotifyDeps {
  email: EmailSender;
  pager: Pager;
  notices: EscalationNoticeStore;
}

/** Which delivery of EscalationRaised this is (its metadata), and the time now. */
export interface NotifyDelivery {
  /** Shared by a retry, a redrive and a replay of the same delivery; new for a duplicate delivery. */
  correlationId: string;
  now: string;
}

/**
 * `sent`: this call finished the notice (paging and emailing what was still to do).
 * `already-sent`: an earlier delivery sent it: nothing went out now.
 * `in-progress`: another delivery holds the claim within its lease: nothing went out now; that delivery
 * (or its retries) finishes it, and anyone may take it over once the lease has passed.
 */
export type NotifyOutcome = 'sent' | 'already-sent' | 'in-progress';

export interface NotifyResult {
  outcome: NotifyOutcome;
  to: string[];
  /** The email's message id, once it went out (absent while another delivery is still sending). */
  messageId?: string;
  /** On-call was paged for this escalation (by this call or an earlier one). */
  paged: boolean;
}

/**
 * A pending claim older than this may be taken over by another delivery: its holder (a 10-second
 * function) has died. A retry of the holder's own delivery continues it at once.
 */
export const NOTICE_LEASE_MINUTES = 5;

/** An owner team's addresses (config/org.yaml `escalation.recipients`), else the `default` list. */
export function recipientsFor(recipients: Readonly<Record<string, readonly string[]>>, team: string): string[] {
  return [...(recipients[team] ?? recipients.default ?? [])];
}

/**
 * Tells the owner team about an escalated decision: an email to the team's addresses and, when the
 * escalation says so (P0), a page to on-call first, since that is the one that must not wait. A
 * monitor-only decision (political content or an announcement during a pre-election period, flagged
 * for the comms lead) is an email that says so, and never a page.
 * Nothing from the message or its author goes out: category, priority, action, due time, the rule's
 * evidence wording and a link to the post.
 *
 * At most once per interaction and level (priority), whatever the number of deliveries (EventBridge
 * retries, a duplicate webhook delivery, a redrive or a replay): a conditional claim in the store
 * (pending -> sent) comes first. A send that fails leaves the claim pending and throws, so the retry of
 * the same delivery finishes it (never lost); a page that went out is recorded and never repeated. The
 * one repeat left: an email SES accepted just before the run died, sent again by the retry.
 */
export async function notifyOwner(
  escalation: Escalation,
  delivery: NotifyDelivery,
  settings: NotifySettings,
  deps: NotifyDeps,
): Promise<NotifyResult> {
  const to = recipientsFor(settings.recipients, escalation.ownerTeam);
  if (to.length === 0) throw new Error(`no escalation recipients for team ${escalation.ownerTeam} and no default`);
  const message = renderEscalation(escalation, settings);
  const { interactionId } = escalation;
  // One notice per priority, and per later occasion (an edit) at that priority.
  const level = escalation.occasion ? `${escalation.priority}#${escalation.occasion}` : escalation.priority;
  const owner = delivery.correlationId;

  const { claimed, notice } = await deps.notices.claim({
    interactionId,
    level,
    owner,
    now: delivery.now,
    leaseUntil: new Date(Date.parse(delivery.now) + NOTICE_LEASE_MINUTES * 60_000).toISOString(),
    receivedAt: escalation.receivedAt,
    category: escalation.category,
  });
  if (!claimed) return notClaimed(notice, to);

  let paged = notice.pageMessageId !== undefined;
  if (pages(escalation) && !paged) {
    const page = await deps.pager.page({ subject: message.subject, text: message.text });
    await deps.notices.markPaged(interactionId, level, owner, page.messageId, delivery.now);
    paged = true;
  }
  const { messageId } = await deps.email.send({ from: settings.from, to, subject: message.subject, html: message.html, text: message.text });
  await deps.notices.markSent(interactionId, level, owner, messageId, delivery.now);
  return { outcome: 'sent', to, messageId, paged };
}

function notClaimed(notice: EscalationNotice, to: string[]): NotifyResult {
  const paged = notice.pageMessageId !== undefined;
  if (notice.status === 'sent') return { outcome: 'already-sent', to, paged, ...(notice.messageId ? { messageId: notice.messageId } : {}) };
  return { outcome: 'in-progress', to, paged };
}

/**
 * On-call is paged when the escalation says so, never for a monitor-only notice (pre-election content
 * flagged for the comms lead, say): nothing is due, so nobody is woken, whatever the matrix lists.
 */
function pages(escalation: Escalation): boolean {
  return escalation.page && escalation.priority !== 'monitor';
}

/**
 * The matrix tells the comms lead about monitor-only content during a pre-election period: the decision's
 * flags say so; escalations published before flags were carried say it only in their reasons
 * ("pre-election period (<name>): ..."; functions/core/matrix/assess.ts).
 */
const PRE_ELECTION_FLAGS = new Set(['pre-election-period', 'pre-election-announcement']);
const PRE_ELECTION_REASON = /^pre-election period\b/u;
const duringPreElection = (escalation: Escalation) =>
  escalation.flags !== undefined ? escalation.flags.some((flag) => PRE_ELECTION_FLAGS.has(flag)) : escalation.reasons.some((reason) => PRE_ELECTION_REASON.test(reason));

export function renderEscalation(escalation: Escalation, settings: Pick<NotifySettings, 'trustName' | 'timeZone' | 'consoleUrl'>): {
  subject: string;
  text: string;
  html: string;
} {
  const monitorOnly = escalation.priority === 'monitor';
  const due = escalation.slaDueAt
    ? DateTime.fromISO(escalation.slaDueAt, { zone: settings.timeZone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ")
    : monitorOnly
      ? 'no deadline (monitor only)'
      : 'no deadline';
  const label = categoryLabel(escalation.category);
  // A monitor-only notice has no urgency to show: it says who it is flagged for, what, and that nothing is due.
  const preElection = duringPreElection(escalation);
  const subject = monitorOnly
    ? `Flagged for ${escalation.owner}: ${lowerFirst(label)}${preElection ? ' during the pre-election period' : ''} (monitor only) — ${settings.trustName}`
    : `[${escalation.priority}] ${label}: ${escalation.owner} — ${settings.trustName}`;
  const opening = monitorOnly
    ? `${settings.trustName}: a social media post is flagged for ${escalation.owner}. It is monitor-only: no reply is due and no deadline runs.`
    : `${settings.trustName}: a social media post needs ${escalation.owner}.`;
  const rows: Array<[string, string]> = [
    ['Priority', monitorOnly ? 'monitor only (no reply due)' : escalation.priority],
    ['Category', label + (escalation.secondaryCategories.length > 0 ? ` (also: ${escalation.secondaryCategories.map(categoryLabel).join(', ')})` : '')],
    ['Owner', escalation.owner],
    ['What to do', escalation.action],
    ['Due', due],
    ['Why you are told', escalation.reasons.join('; ')],
    ['What the matrix saw', escalation.evidence.length > 0 ? escalation.evidence.join('; ') : 'no signals (default rule)'],
    ['Personal data removed', escalation.piiKinds.length > 0 ? escalation.piiKinds.join(', ') : 'none found'],
    ['Where', `${platformName(escalation.platform)} ${channelName(escalation.channel)}${escalation.permalink ? `: ${escalation.permalink}` : ''}`],
    ['Interaction', escalation.interactionId],
    ['Rule', `${escalation.ruleId} (matrix ${escalation.matrixVersion})`],
  ];
  const link = consoleLink(settings.consoleUrl, escalation.interactionId);
  const closing = `The message itself is not included: open it on the platform or in the triage console${link ? `: ${link}` : ''}.`;
  const text = [opening, '', ...rows.map(([name, value]) => `${name}: ${value}`), '', closing].join('\n');
  const html = `<p>${escapeHtml(opening)}</p>
<table role="presentation" style="border-collapse: collapse;">${rows
    .map(([name, value]) => `<tr><th style="text-align: left; padding: 4px 8px; vertical-align: top;">${escapeHtml(name)}</th><td style="padding: 4px 8px;">${linkify(value)}</td></tr>`)
    .join('')}</table>
<p>The message itself is not included: open it on the platform or in the triage console${link ? `: <a href="${escapeHtml(link)}">open it</a>` : ''}.</p>`;
  return { subject, text, html };
}

/** "Political content" -> "political content", in the middle of a sentence; "The trust's own post" likewise. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function linkify(value: string): string {
  return escapeHtml(value).replace(/https:\/\/[^\s<]+/gu, (url) => `<a href="${url}">${url}</a>`);
}
