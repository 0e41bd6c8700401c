import { DateTime } from 'luxon';
import { SlaBreached, type DataOf } from '../../../events';
import { breached, breachNotified } from '../interactions/transitions';
import type { InteractionRecord } from '../interactions/record';
import type { EmailSender, EventPublisher, InteractionStore } from '../ports';
import { elapsedMinutesBetween } from '../sla/working-time';
import { categoryLabel } from '../categories';
import { channelName, platformName, statusWords } from '../interactions/wording';
import { escapeHtml } from '../text/html';
import { recipientsFor } from '../escalation/notify-owner';

export interface SlaWatchSettings {
  trustName: string;
  timeZone: string;
  /** The verified SES sender. */
  from: string;
  /** Owner team id -> addresses; `default` for teams not listed (config/org.yaml `escalation.recipients`). */
  recipients: Readonly<Record<string, readonly string[]>>;
  /**
   * Team id -> its name in the response matrix (`teams`), for the email. Optional: the watch is not
   * given the matrix yet (infra/wiring.ts), and without it the email shows the team's id.
   */
  teamNames?: Readonly<Record<string, string>>;
  /** The triage console's address (env CONSOLE_URL); when set, the email links to the item in it. */
  consoleUrl?: string;
  /**
   * Category -> the matrix's `publicReply` for it (its first rule): what the item's current category asks,
   * after any override. Without it, the decision's own.
   */
  publicReplies?: Readonly<Record<string, string>>;
}

export interface SlaWatchDeps {
  store: InteractionStore;
  publisher: EventPublisher;
  email: EmailSender;
  newId: () => string;
}

export interface SlaWatchResult {
  /** Open items past due found by the index query. */
  overdue: number;
  /** Breaches notified in this run: interaction id and level. */
  notified: Array<{ interactionId: string; level: number }>;
}

/** Level 2 (still open, told again): a day past due, or an hour for P0 (a 24/7 clock). */
const LEVEL_TWO_AFTER_MINUTES = { P0: 60, other: 24 * 60 } as const;

/** 0 while not due; 1 once past due; 2 once well past due. */
export function breachLevelAt(record: Pick<InteractionRecord, 'slaDueAt' | 'priority'>, now: string): number {
  if (record.slaDueAt === undefined || Date.parse(now) <= Date.parse(record.slaDueAt)) return 0;
  const late = elapsedMinutesBetween(record.slaDueAt, now);
  return late >= (record.priority === 'P0' ? LEVEL_TWO_AFTER_MINUTES.P0 : LEVEL_TWO_AFTER_MINUTES.other) ? 2 : 1;
}

/**
 * Every few minutes: the open items past their due time (an index query on the open-items index, by
 * due time; never a scan). Each item and level is claimed once with a conditional write (the item's
 * `slaBreachLevel`), then SlaBreached is published and the owner team emailed. The claim leaves the
 * notification pending until both went out, so a run cut short is finished by the next one: at least
 * once, and SlaBreached's idempotencyKey (`SlaBreached:<id>:<due time>:<level>`) lets a consumer drop a repeat.
 * The action ids carry the due time too: a new clock (an edit that raised and reopened the item) is a new
 * clock to watch, not the old one's breach applied already.
 */
export async function watchSla(now: string, settings: SlaWatchSettings, deps: SlaWatchDeps): Promise<SlaWatchResult> {
  const overdue = await deps.store.overdue(now);
  const correlationId = deps.newId();
  const notified: SlaWatchResult['notified'] = [];
  for (const found of overdue) {
    // A clock that asks for nothing (an optional reply, as to a compliment) is no breach to chase; one that
    // asks for an action without a reply (hide personal data, pass a threat to security) is.
    const asks = (found.category !== undefined ? settings.publicReplies?.[found.category] : undefined) ?? found.assessment?.publicReply ?? 'optional';
    if (found.needsReply === false && asks === 'optional') continue;
    const level = breachLevelAt(found, now);
    let toNotify: InteractionRecord | undefined;
    if (level > (found.slaBreachLevel ?? 0)) {
      const claim = await deps.store.apply(found.id, `sla-breach:${level}:${found.slaDueAt}`, (record) => breached(record, breachLevelAt(record, now), now));
      if (claim.outcome === 'written') toNotify = claim.record;
    } else if (found.slaNotifyPending !== undefined) {
      toNotify = found; // claimed by a run that did not finish: finish it
    }
    if (!toNotify?.slaNotifyPending || !toNotify.slaDueAt) continue;
    await notify(toNotify, toNotify.slaNotifyPending, now, correlationId, settings, deps);
    await deps.store.apply(found.id, `sla-notified:${toNotify.slaNotifyPending}:${toNotify.slaDueAt}`, (record) => breachNotified(record, toNotify.slaNotifyPending!));
    notified.push({ interactionId: found.id, level: toNotify.slaNotifyPending });
  }
  return { overdue: overdue.length, notified };
}

async function notify(
  record: InteractionRecord,
  level: number,
  now: string,
  correlationId: string,
  settings: SlaWatchSettings,
  deps: SlaWatchDeps,
): Promise<void> {
  const data = breachData(record, level, now);
  await deps.publisher.publish([
    {
      contract: SlaBreached,
      detail: {
        metadata: {
          schemaVersion: SlaBreached.schemaVersion,
          idempotencyKey: `SlaBreached:${record.id}:${record.slaDueAt}:${level}`,
          correlationId,
          occurredAt: now,
        },
        data,
      },
    },
  ]);
  const team = record.ownerTeam ?? 'default';
  const to = recipientsFor(settings.recipients, team);
  if (to.length === 0) throw new Error(`no escalation recipients for team ${team} and no default`);
  await deps.email.send({ from: settings.from, to, ...renderBreach(data, settings) });
}

export function breachData(record: InteractionRecord, level: number, now: string): DataOf<typeof SlaBreached> {
  return {
    interactionId: record.id,
    platform: record.platform as DataOf<typeof SlaBreached>['platform'],
    channel: record.channel as DataOf<typeof SlaBreached>['channel'],
    ...(record.permalink ? { permalink: record.permalink } : {}),
    receivedAt: record.receivedAt,
    ...(record.category ? { category: record.category } : {}),
    ...(record.priority ? { priority: record.priority as DataOf<typeof SlaBreached>['priority'] } : {}),
    ...(record.ownerTeam ? { ownerTeam: record.ownerTeam } : {}),
    status: record.status as DataOf<typeof SlaBreached>['status'],
    slaDueAt: record.slaDueAt!,
    level,
    breachedAt: now,
    overdueMinutes: elapsedMinutesBetween(record.slaDueAt!, now),
    ...(record.matrixVersion ? { matrixVersion: record.matrixVersion } : {}),
    ...(record.needsReply === false ? { needsReply: false } : {}),
  };
}

/** The owner team's email: what is late and since when; never the message or its author. */
export function renderBreach(
  breach: DataOf<typeof SlaBreached>,
  settings: Pick<SlaWatchSettings, 'trustName' | 'timeZone' | 'teamNames' | 'consoleUrl'>,
): { subject: string; text: string; html: string } {
  const due = DateTime.fromISO(breach.slaDueAt, { zone: settings.timeZone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
  const label = breach.category ? categoryLabel(breach.category) : 'Not assessed yet';
  const late = breach.overdueMinutes >= 120 ? `${Math.floor(breach.overdueMinutes / 60)} hours` : `${breach.overdueMinutes} minutes`;
  // Level 2 may be the first email (a watch that first sees the item a day late), so it says how late, not "still".
  const state = breach.level === 1 ? 'breached' : `breached, over ${breach.priority === 'P0' ? 'an hour' : 'a day'}`;
  const subject = `[SLA ${state}] ${breach.priority ?? ''} ${label}: due ${due} — ${settings.trustName}`.replace(/\s+/gu, ' ');
  const rows: Array<[string, string]> = [
    ['Level', breach.level === 1 ? '1: past its due time' : '2: open well after its due time'],
    ['Due', due],
    ['Overdue by', late],
    ['Priority', breach.priority ?? 'not assessed yet'],
    ['Category', label],
    ['Owner team', breach.ownerTeam === undefined ? 'none yet' : (settings.teamNames?.[breach.ownerTeam] ?? breach.ownerTeam)],
    ['Status', statusWords(breach.status, breach.needsReply)],
    ['Where', `${platformName(breach.platform)} ${channelName(breach.channel)}${breach.permalink ? `: ${breach.permalink}` : ''}`],
    ['Interaction', breach.interactionId],
  ];
  const link = consoleLink(settings.consoleUrl, breach.interactionId);
  const verbs = breach.needsReply === false ? 'Do what the decision asks (see the triage console), then close it; or reassign it' : 'Reply, reassign or close it';
  const action = `${verbs} in the triage console${link ? `: ${link}` : ''}.`;
  const text = [
    `${settings.trustName}: a social media message is past its response time.`,
    '',
    ...rows.map(([name, value]) => `${name}: ${value}`),
    '',
    `${action} The message itself is not included.`,
  ].join('\n');
  const html = `<p>${escapeHtml(settings.trustName)}: a social media message is past its response time.</p>
<table role="presentation" style="border-collapse: collapse;">${rows
    .map(([name, value]) => `<tr><th style="text-align: left; padding: 4px 8px;">${escapeHtml(name)}</th><td style="padding: 4px 8px;">${escapeHtml(value)}</td></tr>`)
    .join('')}</table>
<p>${escapeHtml(verbs)} in the triage console${link ? `: <a href="${escapeHtml(link)}">open it</a>` : ''}. The message itself is not included.</p>`;
  return { subject, text, html };
}

/** The item in the triage console (its hash route), or undefined when the console's address is not known. */
export function consoleLink(consoleUrl: string | undefined, interactionId: string): string | undefined {
  if (!consoleUrl) return undefined;
  const base = consoleUrl.split('#')[0]!;
  return `${base.endsWith('/') ? base : `${base}/`}#/interactions/${encodeURIComponent(interactionId)}`;
}
