/**
 * The golden week: 2026-W48 (Monday 23 to Sunday 29 November 2026; GMT, so UTC = UK time), seventeen
 * hand-written interactions and three earlier weeks, small enough that every figure in
 * golden.test.ts can be worked out by hand from this file. Item numbers (#1..#17) are referred to there.
 */
import type { AudienceEntry, ConnectorHealthEntry, LoggedInteractionSummary, WeekSummary } from '../../../functions/core/ports';

export const WEEK = '2026-W48';
/** The Monday schedule's run: 08:00 on Monday 30 November. */
export const NOW = '2026-11-30T08:00:00.000Z';
const NEW_MATRIX = '2026.12-nhs-default.2';
const OLD_MATRIX = '2026.11-nhs-default.1';

let next = 0;
function item(over: Partial<LoggedInteractionSummary> & Pick<LoggedInteractionSummary, 'receivedAt'>): LoggedInteractionSummary {
  return {
    id: `golden:${++next}`,
    platform: 'facebook',
    channel: 'public_comment',
    ownAccount: false,
    accountId: 'page-1',
    matrixVersion: NEW_MATRIX,
    needsReply: false,
    ...over,
  };
}
const at = (day: number, time: string) => `2026-11-${String(22 + day).padStart(2, '0')}T${time}:00.000Z`; // day 1 = Monday 23rd
const x = { platform: 'x', accountId: 'x-1', channel: 'mention' } as const;
const ig = { platform: 'instagram', accountId: 'ig-1' } as const;

export const GOLDEN_ITEMS: LoggedInteractionSummary[] = [
  /* 1 */ item({ receivedAt: at(1, '09:30'), category: 'complaint', priority: 'P2', needsReply: true, slaDueAt: at(2, '17:00'), firstResponseAt: at(1, '10:15'), firstResponseWorkingMinutes: 45, replyVisibility: 'public', sentiment: 'negative', signalEvidence: ["phrase: 'waited'", "phrase: 'rude'"] }),
  /* 2 */ item({ receivedAt: at(1, '14:00'), category: 'complaint', priority: 'P2', needsReply: true, slaDueAt: at(2, '17:00'), firstResponseAt: at(3, '10:00'), firstResponseWorkingMinutes: 780, replyVisibility: 'public', sentiment: 'negative', signalEvidence: ["phrase: 'waited'", "phrase: 'hours' in a negative message"] }),
  /* 3 */ item({ ...x, receivedAt: at(2, '11:00'), category: 'complaint', priority: 'P2', needsReply: true, slaDueAt: at(3, '17:00'), sentiment: 'negative', signalEvidence: ["phrase: 'nobody told'"] }),
  /* 4 */ item({ ...x, channel: 'direct_message', receivedAt: at(2, '23:00'), category: 'safeguarding', priority: 'P0', needsReply: true, slaDueAt: at(2, '23:15'), firstResponseAt: at(2, '23:10'), firstResponseWorkingMinutes: 10, replyVisibility: 'private', sentiment: 'negative' }),
  /* 5 */ item({ receivedAt: at(3, '10:00'), category: 'abuse-or-threat', priority: 'P1', needsReply: true, slaDueAt: at(3, '11:00'), firstResponseAt: at(3, '10:30'), firstResponseWorkingMinutes: 30, replyVisibility: 'private', sentiment: 'negative' }),
  /* 6 */ item({ ...ig, receivedAt: at(3, '12:00'), category: 'pii', priority: 'P1', flags: ['personal-data'], needsReply: true, slaDueAt: at(3, '13:00'), firstResponseAt: at(3, '14:00'), firstResponseWorkingMinutes: 120, replyVisibility: 'private', sentiment: 'neutral' }),
  /* 7 */ item({ receivedAt: at(4, '09:00'), category: 'general-question', priority: 'P3', needsReply: true, slaDueAt: at(5, '17:00'), firstResponseAt: at(4, '09:20'), firstResponseWorkingMinutes: 20, replyVisibility: 'public', sentiment: 'neutral', language: 'cy' }),
  /* 8 */ item({ receivedAt: at(5, '16:00'), category: 'general-question', priority: 'P3', needsReply: true, slaDueAt: '2026-12-01T17:00:00.000Z', sentiment: 'neutral' }),
  /* 9 */ item({ receivedAt: at(4, '15:00'), category: 'compliment', priority: 'P3', closedAt: at(5, '09:00'), status: 'closed', sentiment: 'positive' }),
  /* 10 */ item({ ...ig, receivedAt: at(5, '10:00'), category: 'compliment', priority: 'P3', sentiment: 'positive' }),
  /* 11 */ item({ receivedAt: at(6, '12:00'), category: 'misinformation', priority: 'P2', needsReply: true, slaDueAt: '2026-11-30T17:00:00.000Z', firstResponseAt: at(6, '13:00'), firstResponseWorkingMinutes: 0, replyVisibility: 'public', sentiment: 'negative' }),
  /* 12 */ item({ ...x, receivedAt: at(6, '20:00'), category: 'troll-or-spam', priority: 'monitor', sentiment: 'negative', deleted: true }),
  /* 13 */ item({ channel: 'staff_channel', receivedAt: at(7, '10:00'), category: 'whistleblowing', priority: 'P2', needsReply: true, slaDueAt: '2026-12-01T17:00:00.000Z', sentiment: 'negative' }),
  /* 14 */ item({ receivedAt: at(7, '22:00'), matrixVersion: undefined, needsReply: undefined }),
  /* 15 */ item({ channel: 'public_post', receivedAt: at(1, '08:00'), ownAccount: true, category: 'own-post', priority: 'monitor' }),
  /* 16 */ item({ platform: 'careopinion', accountId: 'co-1', channel: 'review', receivedAt: at(3, '09:00'), category: 'compliment', priority: 'P3', needsReply: true, slaDueAt: at(5, '17:00'), firstResponseAt: at(3, '11:00'), firstResponseWorkingMinutes: 120, replyVisibility: 'public', sentiment: 'positive' }),
  /* 17 */ item({ receivedAt: at(4, '12:00'), category: 'complaint', priority: 'P2', needsReply: true, slaDueAt: at(5, '17:00'), firstResponseAt: at(4, '12:30'), firstResponseWorkingMinutes: 30, replyVisibility: 'public', sentiment: 'negative', signalEvidence: ['pattern 1 of rule "complaint-about-care"', "phrase: 'appointment' in a negative message"] }),
];

/** Last week (2026-W47) comes from the log (no summary kept yet): 8 inbound, one from a second Instagram account. */
const lastWeekAt = (day: number, time: string) => `2026-11-${String(15 + day).padStart(2, '0')}T${time}:00.000Z`;
export const LAST_WEEK_ITEMS: LoggedInteractionSummary[] = [
  item({ receivedAt: lastWeekAt(1, '10:00'), matrixVersion: OLD_MATRIX, category: 'complaint', priority: 'P2', signalEvidence: ["phrase: 'waited'"] }),
  item({ receivedAt: lastWeekAt(2, '10:00'), matrixVersion: OLD_MATRIX, category: 'complaint', priority: 'P2', signalEvidence: ["phrase: 'still waiting'"] }),
  item({ receivedAt: lastWeekAt(3, '10:00'), matrixVersion: OLD_MATRIX, category: 'general-question', priority: 'P3' }),
  item({ receivedAt: lastWeekAt(4, '10:00'), matrixVersion: OLD_MATRIX, category: 'general-question', priority: 'P3' }),
  item({ ...x, receivedAt: lastWeekAt(2, '12:00'), matrixVersion: OLD_MATRIX, category: 'compliment', priority: 'P3' }),
  item({ ...x, receivedAt: lastWeekAt(5, '12:00'), matrixVersion: OLD_MATRIX, category: 'compliment', priority: 'P3' }),
  item({ ...ig, receivedAt: lastWeekAt(3, '15:00'), matrixVersion: OLD_MATRIX, category: 'general-question', priority: 'P3' }),
  item({ ...ig, accountId: 'ig-2', receivedAt: lastWeekAt(6, '15:00'), matrixVersion: OLD_MATRIX, category: 'general-question', priority: 'P3' }),
];

const summary = (week: string, over: Partial<WeekSummary>): WeekSummary => ({
  week,
  inbound: 0,
  byPlatform: {},
  byCategory: {},
  deliveriesByPlatform: {},
  accounts: {},
  complaintThemes: {},
  matrixVersions: {},
  computedAt: '2026-11-20T09:00:00.000Z',
  ...over,
});

/** Kept by earlier digests: W46 and W45 had 6 inbound each; W44 had no data at all (before go-live). */
export const KEPT_SUMMARIES: WeekSummary[] = [
  summary('2026-W46', {
    inbound: 6,
    byPlatform: { facebook: 3, x: 2, instagram: 1 },
    byCategory: { complaint: 1, 'general-question': 5 },
    deliveriesByPlatform: { facebook: 3, x: 2, instagram: 1 },
    accounts: { facebook: ['page-1'], x: ['x-1'], instagram: ['ig-1'] },
    matrixVersions: { [OLD_MATRIX]: 6 },
  }),
  summary('2026-W45', {
    inbound: 6,
    byPlatform: { facebook: 3, x: 2, careopinion: 1 },
    byCategory: { complaint: 1, 'general-question': 4, compliment: 1 },
    deliveriesByPlatform: { facebook: 3, x: 2, careopinion: 1 },
    accounts: { facebook: ['page-1'], x: ['x-1'], careopinion: ['co-1'] },
    matrixVersions: { [OLD_MATRIX]: 6 },
  }),
  summary('2026-W44', {}),
];

export const GOLDEN_HEALTH: ConnectorHealthEntry[] = [
  { platform: 'x', status: 'authorisation_revoked', signal: 'oauth.revoke', accountId: 'x-1', occurredAt: at(6, '12:00') },
];

/** Follows and unfollows of the trust's X account (X is the only platform whose webhooks deliver them). */
const follow = (change: AudienceEntry['change'], occurredAt: string): AudienceEntry => ({ platform: 'x', accountId: 'x-1', change, occurredAt });
export const GOLDEN_AUDIENCE: AudienceEntry[] = [
  follow('follow', at(1, '09:00')),
  follow('follow', at(3, '12:30')),
  follow('unfollow', at(4, '18:00')),
  follow('follow', at(7, '21:15')),
];
/** Last week (W47, read from the log, so its follows are read too): one follow, no unfollow. */
export const LAST_WEEK_AUDIENCE: AudienceEntry[] = [follow('follow', '2026-11-18T10:00:00.000Z')];
