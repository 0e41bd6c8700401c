import { DateTime } from 'luxon';
import type { DataOf, SpikeDetected } from '../../../events';
import type { EmailSender } from '../ports';
import { escapeHtml } from '../text/html';
import { themeTerms, type ThemeVocabulary } from '../text/themes';
import type { SpikeNoticeStore } from './ports';
import { NOTICE_LEASE_MINUTES, recipientsFor } from '../escalation/notify-owner';

export type Spike = DataOf<typeof SpikeDetected>;

export interface SpikeNotifySettings {
  trustName: string;
  timeZone: string;
  /** The verified SES sender. */
  from: string;
  /** Owner team id -> addresses; `default` for teams not listed (config/org.yaml `escalation.recipients`). */
  recipients: Readonly<Record<string, readonly string[]>>;
  /**
   * The theme vocabulary: the event's words are checked once more (an event replayed from the archive, or
   * published before the vocabulary existed, may carry other words).
   */
  vocabulary: ThemeVocabulary;
}

export interface SpikeNotifyDeps {
  email: EmailSender;
  notices: SpikeNoticeStore;
}

export type SpikeNotifyOutcome = 'sent' | 'already-sent' | 'in-progress';

/** Notices are kept as long as the spike records. */
export const SPIKE_RECORD_DAYS = 400;

/**
 * Emails the owner team about one spike, once per spikeId whatever the number of deliveries: a
 * conditional claim (pending -> sent) comes first, as notify-owner does for escalations. A failed send
 * leaves the claim pending and throws; the retry of the same delivery (same correlationId) finishes it.
 */
export async function notifySpike(
  spike: Spike,
  delivery: { correlationId: string; now: string },
  settings: SpikeNotifySettings,
  deps: SpikeNotifyDeps,
): Promise<{ outcome: SpikeNotifyOutcome; to: string[]; messageId?: string }> {
  const to = recipientsFor(settings.recipients, spike.ownerTeam);
  if (to.length === 0) throw new Error(`no recipients for team ${spike.ownerTeam} and no default`);
  const message = renderSpike(spike, settings);
  const { claimed, notice } = await deps.notices.claimNotice({
    spikeId: spike.spikeId,
    windowStart: spike.windowStart,
    owner: delivery.correlationId,
    now: delivery.now,
    leaseUntil: new Date(Date.parse(delivery.now) + NOTICE_LEASE_MINUTES * 60_000).toISOString(),
    expiresAt: Math.floor(Date.parse(spike.windowStart) / 1000) + SPIKE_RECORD_DAYS * 86_400,
  });
  if (!claimed) {
    return notice.status === 'sent' ? { outcome: 'already-sent', to, ...(notice.messageId ? { messageId: notice.messageId } : {}) } : { outcome: 'in-progress', to };
  }
  const { messageId } = await deps.email.send({ from: settings.from, to, ...message });
  await deps.notices.markNoticeSent(spike.spikeId, spike.windowStart, delivery.correlationId, messageId, delivery.now);
  return { outcome: 'sent', to, messageId };
}

/** The owner team's email: counts, the window and common words; never a message or its author. */
export function renderSpike(spike: Spike, settings: Pick<SpikeNotifySettings, 'trustName' | 'timeZone' | 'vocabulary'>): { subject: string; text: string; html: string } {
  const words = settings.vocabulary === undefined ? spike.topTerms : themeTerms(spike.topTerms, settings.vocabulary);
  const local = (iso: string) => DateTime.fromISO(iso, { zone: settings.timeZone });
  const start = local(spike.windowStart);
  const end = local(spike.windowEnd);
  const window = `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${end.toFormat('HH:mm ZZZZ')}`;
  const minutes = Math.round(end.diff(start, 'minutes').minutes);
  const usual = spike.expected < 1 ? 'almost none' : `about ${Math.round(spike.expected)}`;
  const subject = `[Spike] ${spike.series.label}: ${spike.count} messages in ${minutes} minutes (usually ${usual}) — ${settings.trustName}`;
  const rows: Array<[string, string]> = [
    ['What', spike.series.kind === 'overall' ? 'All inbound messages' : `${spike.series.kind === 'programme' ? 'Programme' : 'Category'}: ${spike.series.label}`],
    ['Window', window],
    ['Messages', String(spike.count)],
    ['Usually', `${usual} (the mean of ${spike.baselineWindows} earlier windows at the same time on comparable days)`],
    ['Spike threshold', String(Math.ceil(spike.threshold))],
    ['Common words', words.length > 0 ? words.join(', ') : 'none common to several messages'],
    ['Owner team', spike.ownerTeam],
    ['Spike id', spike.spikeId],
  ];
  const incident = spike.suggestIncidentMode
    ? [
        'This is large enough that switching on major-incident mode is worth considering: matrix actions then use the incident\'s holding line and SLA targets tighten.',
        `To switch it on, POST /incident on the ops API with {"name": "<what is happening>", "holdingLine": "<the public holding line>", "spikeId": "${spike.spikeId}"}.`,
      ]
    : [];
  const closing = 'Look at the queue for the messages themselves; none is included here.';
  const text = [
    `${settings.trustName}: social media messages are running far above usual.`,
    '',
    ...rows.map(([name, value]) => `${name}: ${value}`),
    '',
    ...incident.flatMap((line) => [line, '']),
    closing,
  ].join('\n');
  const html = `<p>${escapeHtml(settings.trustName)}: social media messages are running far above usual.</p>
<table role="presentation" style="border-collapse: collapse;">${rows
    .map(([name, value]) => `<tr><th style="text-align: left; padding: 4px 8px; vertical-align: top;">${escapeHtml(name)}</th><td style="padding: 4px 8px;">${escapeHtml(value)}</td></tr>`)
    .join('')}</table>
${incident.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p>${escapeHtml(closing)}</p>`;
  return { subject, text, html };
}
