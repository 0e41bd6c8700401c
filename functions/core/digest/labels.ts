/**
 * Words a board reads: names for categories, platforms and priorities, the closed list of complaint
 * themes, and the definition of every figure with its GCS / AMEC evaluation stage (the appendix).
 */

import { categoryLabel as sharedCategoryLabel } from '../categories';

export const PRIORITY_ORDER = ['P0', 'P1', 'P2', 'P3', 'monitor'] as const;

/**
 * One label per priority, so each must be true of every rule at that priority in the default matrix
 * (test/unit/digest/labels.test.ts checks them against config/response-matrix.yaml): P1 is one working
 * hour except a major incident's hour, day and night; P2 is the close of the same working day for most
 * rules and of the next one for complaints and admin queries.
 */
export const PRIORITY_LABELS: Record<string, string> = {
  P0: 'P0: risk to life, 24/7',
  P1: 'P1: within 1 hour (working hours; day and night for a major incident)',
  P2: 'P2: same or next working day, by rule',
  P3: 'P3: within 2 working days',
  monitor: 'Monitor only',
};

/** In a board report a count of personal-data cases is a count of removals; every other name is shared. */
const BOARD_CATEGORY_LABELS: Record<string, string> = { pii: 'Personal data removed' };

const PLATFORM_LABELS: Record<string, string> = {
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  threads: 'Threads',
  x: 'X (Twitter)',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  careopinion: 'Care Opinion',
};

/** Shorter names where a chart has little room (its alt text and the tables use the full ones). */
const SHORT_CATEGORY_LABELS: Record<string, string> = {
  complaint: 'Complaint',
  'admin-query': 'Appointment/admin',
  safeguarding: 'Safeguarding',
  whistleblowing: 'Speak Up concern',
  pii: 'Personal data',
  'abuse-or-threat': 'Abuse or threat',
  'major-incident': 'Major incident',
  'formal-complaint': 'Formal complaint',
  'troll-or-spam': 'Trolling or spam',
};

export function shortCategoryLabel(name: string): string {
  return SHORT_CATEGORY_LABELS[name] ?? categoryLabel(name);
}

export function categoryLabel(name: string): string {
  return BOARD_CATEGORY_LABELS[name] ?? sharedCategoryLabel(name);
}

export function platformLabel(name: string): string {
  return PLATFORM_LABELS[name] ?? humanise(name);
}

export function priorityLabel(name: string): string {
  return PRIORITY_LABELS[name] ?? name;
}

function humanise(name: string): string {
  return sharedCategoryLabel(name);
}

/**
 * Complaint themes: a CLOSED list keyed by the matrix phrases that fired (the assessment's evidence,
 * which is the matrix's own vocabulary). Only these theme names can ever appear in a digest, so no
 * word of any message can reach it through the themes.
 */
const THEMES: ReadonlyArray<readonly [theme: string, phrases: readonly string[]]> = [
  ['Waiting times', ['waited', 'still waiting', 'been waiting', 'left waiting', 'kept waiting', 'waiting for hours', 'hours waiting', 'waiting', 'wait', 'hours', 'on a trolley', 'corridor', 'aros am oriau']],
  ['Cancelled appointments', ['was cancelled', 'been cancelled', 'got cancelled', 'cancelled again', 'cancelled my', 'was canceled', 'cancelled', 'canceled', 'appointment']],
  ['Staff attitude', ['rude', 'dismissive', 'ignored', 'unprofessional', 'incompetent', 'staff', 'receptionist']],
  ['Communication', ['no one told', 'nobody told', 'nobody listened', 'no one listened', 'nobody listens', 'nobody answers', 'no one answers', 'no answer', 'on hold', 'phone', 'nobody', 'no one']],
  ['Clinical care and discharge', ['sent home', 'sent away', 'discharged too early', 'discharged', 'misdiagnosed', 'wrong diagnosis', 'no pain relief', 'left in pain', 'lack of care', 'no care', 'treatment', 'treated', 'care', 'operation', 'results']],
  ['Cleanliness', ['filthy']],
  ['Lost property', ['lost my', 'lost her', 'lost his', 'losing my', 'losing her', 'losing his']],
];
const THEME_BY_PHRASE = new Map(THEMES.flatMap(([theme, phrases]) => phrases.map((phrase) => [phrase, theme] as const)));
export const THEME_NAMES: readonly string[] = THEMES.map(([theme]) => theme);

/** The themes one complaint touches (each once), from its signals' evidence. */
export function themesOf(evidence: readonly string[] | undefined): string[] {
  const themes = new Set<string>();
  for (const item of evidence ?? []) {
    const phrase = /^phrase: '([^']+)'/.exec(item)?.[1]?.toLowerCase();
    const theme = phrase !== undefined ? THEME_BY_PHRASE.get(phrase) : patternTheme(item);
    if (theme) themes.add(theme);
  }
  return [...themes];
}

/**
 * Patterns are named by rule and position (`pattern 1 of rule "complaint-about-care"`, compile.ts), never by
 * their regex. The complaint rule's patterns find a long wait in figures ("9 hours in A&E"), so they are the
 * waiting-times theme; items logged before carry the regex itself (`pattern: /...wait.../`).
 */
const PATTERN_THEMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^pattern \d+ of rule "complaint-about-care"$/u, 'Waiting times'],
  [/^pattern: .*wait/iu, 'Waiting times'],
];
function patternTheme(item: string): string | undefined {
  return PATTERN_THEMES.find(([pattern]) => pattern.test(item))?.[1];
}

export interface MetricDefinition {
  section: string;
  metric: string;
  definition: string;
  /** GCS Evaluation Framework stage: outputs, out-takes, outcomes, organisational impact (or inputs). */
  gcs: string;
  /** AMEC Integrated Evaluation Framework stage, with the social media measurement area where it fits. */
  amec: string;
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  { section: 'Assurance', metric: 'P0 / P1 events', definition: 'Inbound messages the response matrix placed at P0 (risk to life) or P1 (urgent, one working hour). Counts only.', gcs: 'Inputs (risk)', amec: 'Organisational impact: risk' },
  { section: 'Assurance', metric: 'Data completeness', definition: 'Per platform: deliveries this week (the trust\'s own posts included), accounts that delivered, the longest silence between deliveries, connections reported broken (authorisation revoked, credentials refused), and accounts that delivered in the last four weeks but not this week.', gcs: 'Inputs', amec: 'Inputs' },
  { section: 'Listening', metric: 'Inbound volume', definition: 'Messages from the public that reached the trust\'s accounts this ISO week (Monday to Sunday, UK time), by platform and by matrix category. The trust\'s own posts and replies are not counted.', gcs: 'Outputs', amec: 'Outputs: exposure' },
  { section: 'Listening', metric: '4-week baseline', definition: 'The average of the four ISO weeks before this one, over the weeks that had any data.', gcs: 'Outputs', amec: 'Outputs: exposure' },
  { section: 'Listening', metric: 'Spike', definition: 'A platform or category with at least 10 messages and at least double its 4-week baseline (a rise), or with a baseline of at least 10 and at most half of it this week (a fall).', gcs: 'Outputs', amec: 'Outputs: exposure' },
  { section: 'Responsiveness', metric: 'Needs a reply', definition: 'Inbound messages the log marks as needing a reply (the matrix decided a public reply, a holding line or a private reply).', gcs: 'Outputs', amec: 'Outputs: engagement' },
  { section: 'Responsiveness', metric: 'Answered', definition: 'Of those, the share with a first response recorded (public or private) by the time the digest was made.', gcs: 'Out-takes', amec: 'Out-takes: engagement' },
  { section: 'Responsiveness', metric: 'First response time', definition: 'Time to the first response counted in monitored hours only (Mon to Fri 09:00 to 17:00, bank holidays excluded; P0 counts every hour). Median: the middle value (mean of the two middle values for an even count). 90th percentile: nearest rank.', gcs: 'Out-takes', amec: 'Out-takes: engagement' },
  { section: 'Responsiveness', metric: 'SLA attainment', definition: 'By priority: responses made by the matrix\'s due time, out of those answered plus those still unanswered after their due time. Items not yet due are not counted.', gcs: 'Outcomes', amec: 'Outcomes: preference' },
  { section: 'Responsiveness', metric: 'Backlog past due', definition: 'This week\'s messages still unanswered and not closed after their due time, when the digest was made.', gcs: 'Outcomes', amec: 'Outcomes' },
  { section: 'Safety', metric: 'Safety counts', definition: 'Safeguarding escalations (safeguarding category), abuse of staff or threats, messages whose personal data was removed from the stored text, misinformation and the misinformation answered with a correction. Counts only, never detail.', gcs: 'Organisational impact (risk)', amec: 'Organisational impact' },
  { section: 'Patient voice', metric: 'Complaints and compliments', definition: 'Complaints the matrix signposts to PALS (answered = the signposting reply was sent), formal complaints, compliments (passed on = closed after being forwarded to staff), and the top complaint themes from a fixed list of themes.', gcs: 'Outcomes', amec: 'Outcomes: preference / advocacy' },
  { section: 'Community and staff', metric: 'Community and staff', definition: 'Follower changes (when follow events are collected), messages on staff channels, and staff concerns raised for the Freedom to Speak Up guardian.', gcs: 'Outcomes', amec: 'Outcomes: advocacy' },
  { section: 'Sentiment', metric: 'Sentiment split', definition: 'Positive, neutral and negative shares of the assessed inbound messages, from an automatic word-list score (AFINN). A split, never one score; no human-checked sample yet.', gcs: 'Out-takes', amec: 'Out-takes: preference' },
];

export const SENTIMENT_CAVEATS: readonly string[] = [
  'Scored automatically from a word list, not read by a person: no human-checked sample yet.',
  'Clinical words (pain, cancer, died) read as negative even in thanks; sarcasm and irony read the wrong way.',
  'Welsh and other languages are scored poorly; short messages mostly come out neutral.',
];
