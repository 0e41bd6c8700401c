import { DateTime } from 'luxon';
import type { DataOf, EscalationRaised } from '../../../events';
import type { EmailSender, Pager } from '../ports';
import { categoryLabel } from '../categories';

export type Escalation = DataOf<typeof EscalationRaised>;

export interface NotifySettings {
  trustName: string;
  timeZone: string;
  /** The verified SES sender. */
  from: string;
  /** Owner team id -> addresses; `default` for teams not listed. */
  recipients: Readonly<Record<string, readonly string[]>>;
}

export interface NotifyDeps {
  email: EmailSender;
  pager: Pager;
}

export interface NotifyResult {
  to: string[];
  messageId: string;
  paged: boolean;
}

/**
 * Tells the owner team about an escalated decision: an email to the team's addresses and, when the
 * escalation says so (P0), a page to on-call first, since that is the one that must not wait.
 * Nothing from the message or its author goes out: category, priority, action, due time, the rule's
 * evidence wording and a link to the post. At-least-once: a retry after a failure may repeat the
 * email or the page, never lose them.
 */
export async function notifyOwner(escalation: Escalation, settings: NotifySettings, deps: NotifyDeps): Promise<NotifyResult> {
  const to = [...(settings.recipients[escalation.ownerTeam] ?? settings.recipients.default ?? [])];
  if (to.length === 0) throw new Error(`no escalation recipients for team ${escalation.ownerTeam} and no default`);
  const message = renderEscalation(escalation, settings);
  const paged = escalation.page ? (await deps.pager.page({ subject: message.subject, text: message.text }), true) : false;
  const { messageId } = await deps.email.send({ from: settings.from, to, subject: message.subject, html: message.html, text: message.text });
  return { to, messageId, paged };
}

export function renderEscalation(escalation: Escalation, settings: Pick<NotifySettings, 'trustName' | 'timeZone'>): {
  subject: string;
  text: string;
  html: string;
} {
  const due = escalation.slaDueAt
    ? DateTime.fromISO(escalation.slaDueAt, { zone: settings.timeZone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ")
    : 'no deadline';
  const label = categoryLabel(escalation.category);
  const subject = `[${escalation.priority}] ${label}: ${escalation.owner} — ${settings.trustName}`;
  const rows: Array<[string, string]> = [
    ['Priority', escalation.priority],
    ['Category', label + (escalation.secondaryCategories.length > 0 ? ` (also: ${escalation.secondaryCategories.map(categoryLabel).join(', ')})` : '')],
    ['Owner', escalation.owner],
    ['What to do', escalation.action],
    ['Due', due],
    ['Why you are told', escalation.reasons.join('; ')],
    ['What the matrix saw', escalation.evidence.length > 0 ? escalation.evidence.join('; ') : 'no signals (default rule)'],
    ['Personal data removed', escalation.piiKinds.length > 0 ? escalation.piiKinds.join(', ') : 'none found'],
    ['Where', `${escalation.platform} ${escalation.channel.replace(/_/gu, ' ')}${escalation.permalink ? `: ${escalation.permalink}` : ''}`],
    ['Interaction', escalation.interactionId],
    ['Rule', `${escalation.ruleId} (matrix ${escalation.matrixVersion})`],
  ];
  const text = [
    `${settings.trustName}: a social media post needs ${escalation.owner}.`,
    '',
    ...rows.map(([name, value]) => `${name}: ${value}`),
    '',
    'The message itself is not included: open it on the platform or in the queue.',
  ].join('\n');
  const html = `<p>${escape(settings.trustName)}: a social media post needs ${escape(escalation.owner)}.</p>
<table role="presentation" style="border-collapse: collapse;">${rows
    .map(([name, value]) => `<tr><th style="text-align: left; padding: 4px 8px; vertical-align: top;">${escape(name)}</th><td style="padding: 4px 8px;">${linkify(value)}</td></tr>`)
    .join('')}</table>
<p>The message itself is not included: open it on the platform or in the queue.</p>`;
  return { subject, text, html };
}

function escape(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function linkify(value: string): string {
  return escape(value).replace(/https:\/\/[^\s<]+/gu, (url) => `<a href="${url}">${url}</a>`);
}
