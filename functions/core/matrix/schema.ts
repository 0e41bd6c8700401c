import { IANAZone } from 'luxon';
import { z } from 'zod';
import { prioritySchema, publicReplySchema } from '../../../events';
import { isHhMm } from '../sla/calendar';
import { slaTargetSchema } from '../sla/target';
import { LANGUAGE_CODES } from '../text/language-codes';
import { spikeSettingsSchema } from '../spikes/settings';
import { DETECTOR_NAMES } from './detector-names';

/**
 * The response matrix as a trust edits it (config/response-matrix.yaml). Objects are strict so a
 * misspelt setting fails the deploy instead of being silently ignored.
 */

/** Who an interaction came from, which decides the rules that may judge it. */
export const AUDIENCES = ['others', 'own-account', 'deleted'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** How much the trust is prepared to say in public and how early it escalates; `balanced` is the file as written. */
export const RISK_APPETITES = ['cautious', 'balanced', 'open'] as const;
export type RiskAppetite = (typeof RISK_APPETITES)[number];

const text = z.string().trim().min(1, 'must not be empty');

const phrase = z
  .string()
  .trim()
  .refine((value) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(value), 'must contain at least one letter, digit or emoji');

const pattern = z.string().superRefine((source, ctx) => {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'iu');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression (${(error as Error).message})` });
    return;
  }
  if (regex.test('')) {
    ctx.addIssue({ code: 'custom', message: 'matches empty text, so it would fire on every message' });
  }
});

const timeOfDay = z.string().refine(isHhMm, 'must be a time of day as "HH:mm" in quotes, e.g. "09:00"');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'must be a date as "YYYY-MM-DD" in quotes')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'is not a real date');

export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland', 'none'] as const;

export const clockSchema = z
  .strictObject({
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, e.g. Europe/London'),
    monitoredHours: z.strictObject({
      days: z.array(z.enum(WEEKDAYS)).min(1, 'must list at least one day'),
      start: timeOfDay,
      end: timeOfDay,
    }),
    bankHolidays: z.enum(BANK_HOLIDAY_REGIONS),
  })
  .refine((clock) => clock.monitoredHours.end > clock.monitoredHours.start, {
    path: ['monitoredHours', 'end'],
    message: 'must be later than monitoredHours.start',
  });
export type MatrixClock = z.infer<typeof clockSchema>;

/** One set of signals: any one of them found is enough. */
export const signalSetSchema = z.strictObject({
  /** Words or phrases, whole words, any capitals. */
  phrases: z.array(phrase).default([]),
  /** Regular expressions (case ignored), for the technical team. */
  patterns: z.array(pattern).default([]),
  /** Built-in checks, by name. */
  detectors: z.array(z.enum(DETECTOR_NAMES)).default([]),
  /** Phrases that count only when the whole message reads negative (sentiment). */
  ifNegative: z.array(phrase).default([]),
  /** Phrases that count only when the whole message reads positive (sentiment). */
  ifPositive: z.array(phrase).default([]),
  /** Phrases looked for in the author's handle and display name ("BBC", "journalist"). */
  authors: z.array(phrase).default([]),
});
export type SignalSet = z.infer<typeof signalSetSchema>;

export const combinationSchema = z.strictObject({
  /** Shown as the evidence, e.g. "staff raising a safety concern". */
  name: text,
  /** Every one of these sets must find something. */
  all: z.array(signalSetSchema).min(2, 'must list at least two sets of signals (one set needs no combination)'),
});

export const ruleSignalsSchema = signalSetSchema.extend({
  /** Signals that fire the rule only together. */
  combinations: z.array(combinationSchema).default([]),
});
export type RuleSignals = z.infer<typeof ruleSignalsSchema>;

/** Raises the rule's priority when its own signals are found (emergency words, a threat, spreading). */
export const escalationSchema = z.strictObject({
  to: prioritySchema,
  /** Why, in a few words: shown in the rationale. */
  reason: text,
  when: signalSetSchema,
  /** true (the default): these signals fire the rule on their own. false: only with one of the rule's signals. */
  byItself: z.boolean().default(true),
  sla: slaTargetSchema.optional(),
  action: text.optional(),
  replyTemplate: text.optional(),
});
export type Escalation = z.infer<typeof escalationSchema>;

/** What a risk appetite changes in a rule. */
export const ruleOverridesSchema = z.strictObject({
  priority: prioritySchema.optional(),
  publicReply: publicReplySchema.optional(),
  sla: slaTargetSchema.optional(),
  action: text.optional(),
  owner: text.optional(),
  replyTemplate: text.optional(),
});

/**
 * How a rule decides while a pre-election period (preElectionPeriods) is in force, e.g. political
 * content becomes monitor-only. `notify: true` tells the comms lead (preElection.commsLead) whatever
 * the priority, and makes that team the owner of the decision.
 */
export const preElectionOverrideSchema = z.strictObject({
  priority: prioritySchema.optional(),
  publicReply: publicReplySchema.optional(),
  sla: slaTargetSchema.optional(),
  action: text.optional(),
  notify: z.boolean().default(false),
});
export type PreElectionOverride = z.infer<typeof preElectionOverrideSchema>;

export const courseOfConductSchema = z.strictObject({
  posts: z.number().int().min(2),
  withinDays: z.number().int().positive(),
  counting: z.array(text).min(1, 'must list at least one category'),
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (example: string) => z.string().regex(SLUG, `must be lower-case words joined by dashes, e.g. ${example}`);

export const matrixRuleSchema = z.strictObject({
  id: slug('complaint-about-care'),
  category: slug('complaint'),
  priority: prioritySchema,
  action: text,
  /** The id of a team under `teams`. */
  owner: text,
  publicReply: publicReplySchema,
  sla: slaTargetSchema,
  appliesTo: z.array(audienceSchema).min(1, 'must list at least one of others, own-account, deleted').default(['others']),
  signals: ruleSignalsSchema.optional(),
  unless: z.array(phrase).default([]),
  escalate: z.array(escalationSchema).default([]),
  appetite: z.strictObject({ cautious: ruleOverridesSchema.optional(), open: ruleOverridesSchema.optional() }).optional(),
  courseOfConduct: courseOfConductSchema.optional(),
  /** Changes that apply while a pre-election period is in force (see preElectionOverrideSchema). */
  duringPreElection: preElectionOverrideSchema.optional(),
  default: z.boolean().default(false),
  /** Suggested wording: the public reply, or the private message when publicReply is no / private-only. */
  replyTemplate: text.optional(),
});
export type MatrixRule = z.infer<typeof matrixRuleSchema>;

export const teamSchema = z.strictObject({
  id: slug('press-office'),
  name: text,
  /** urgent (default): EscalationRaised for P0 and P1 only. all: for every decision this team owns. */
  notify: z.enum(['urgent', 'all']).default('urgent'),
});
export type Team = z.infer<typeof teamSchema>;

export const claimSchema = z.strictObject({
  id: slug('mmr-autism'),
  about: z.array(phrase).min(1, 'must list at least one topic word'),
  says: z.array(phrase).min(1, 'must list at least one claim phrase'),
  /** Where the facts are: for the person replying. */
  correction: z.string().optional(),
});

export const preElectionPeriodSchema = z
  .strictObject({ name: text, from: isoDate, to: isoDate })
  .refine((period) => period.from <= period.to, { path: ['to'], message: 'must not be before from' });

/**
 * Pre-election settings beside the calendar: who is told, and which of the trust's own posts read as
 * announcements (monitor-only during a period, flagged and sent to the comms lead).
 */
export const preElectionSchema = z.strictObject({
  /** The team told about political content and own announcements during a period. Absent: `comms-lead`. */
  commsLead: slug('comms-lead').optional(),
  announcements: z
    .strictObject({
      /** Phrases that make one of the trust's own posts read as an announcement. */
      phrases: z.array(phrase).default([]),
      /** Phrases that cancel an announcement phrase inside them ("opening hours" is not an opening). */
      unless: z.array(phrase).default([]),
      action: text.default(
        'Pre-election period: this post from the trust reads as an announcement. The comms lead checks it against the pre-election guidance and takes it down if it must wait.',
      ),
    })
    .prefault({}),
});
export type PreElectionSettings = z.infer<typeof preElectionSchema>;

/** The team told during a pre-election period: preElection.commsLead, else a team called comms-lead. */
export function preElectionLead(settings: PreElectionSettings, teamIds: readonly string[]): string | undefined {
  return settings.commsLead ?? (teamIds.includes('comms-lead') ? 'comms-lead' : undefined);
}

/** Priorities that have a deadline (monitor has none, in incident mode too). */
export const CLOCKED_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

const incidentTarget = slaTargetSchema.refine((target) => target.kind !== 'none', {
  message: 'must be a deadline: incident mode only tightens deadlines, { kind: none } would remove one',
});

export const DEFAULT_HOLDING_LINE_CATEGORIES = [
  'major-incident',
  'general-question',
  'admin-query',
  'clinical-question',
  'complaint',
  'misinformation',
] as const;

/**
 * Major-incident mode (switched on through the ops API): the categories offered the incident's holding
 * line, the holding line used when the operator gives none, and the tighter deadlines by priority (a
 * decision is due at the earlier of its normal deadline and this one).
 */
export const incidentModeSchema = z.strictObject({
  holdingLine: text.default(
    "We're aware of an incident affecting our services and we're working to resolve it. We'll post updates here as soon as we can. In an emergency call 999; for urgent medical help use NHS 111 online or call 111.",
  ),
  /** Categories whose suggested reply becomes the holding line. */
  holdingLineFor: z.array(slug('major-incident')).default([...DEFAULT_HOLDING_LINE_CATEGORIES]),
  sla: z
    .strictObject({
      P0: incidentTarget.optional(),
      P1: incidentTarget.optional(),
      P2: incidentTarget.optional(),
      P3: incidentTarget.optional(),
    })
    .default({
      P1: { kind: 'minutes', value: 30, allDay: true },
      P2: { kind: 'minutes', value: 120, allDay: true },
      P3: { kind: 'endOfWorkingDay', offsetDays: 0 },
    }),
});
export type IncidentModeSettings = z.infer<typeof incidentModeSchema>;

/** One of a change programme's key messages: what the trust wants heard, and the phrases that carry it. */
export const keyMessageSchema = z.strictObject({
  id: slug('stroke-care-saves-lives'),
  /** The message as the trust says it. */
  text,
  /** Phrases that show a post carries the message (the trust's own posts: pull-through; the public's: echoes). */
  phrases: z.array(phrase).min(1, 'must list at least one phrase that carries the message'),
});

/** A known false claim about a programme, with the trust's correction. */
export const programmeClaimSchema = z.strictObject({
  id: slug('a-and-e-closing'),
  /** The claim in plain English, as reports show it ("A&E is closing"); absent: the id, humanised. */
  name: text.optional(),
  /** Topic words; absent: the programme's keywords and hashtags. */
  about: z.array(phrase).optional(),
  /** Phrases that make the claim. */
  says: z.array(phrase).min(1, 'must list at least one claim phrase'),
  /** The correction, offered as the suggested reply. */
  correction: text,
  /** Where the facts are published (a link added to the correction). */
  source: z.url({ message: 'must be a web address, e.g. https://www.example.nhs.uk/changes' }),
});

/**
 * A change programme (service reconfiguration, a consultation): what it is called, when it runs, the
 * words that mark content about it, the messages the trust wants heard and the claims it corrects.
 */
export const programmeSchema = z
  .strictObject({
    id: slug('services-reconfiguration-2027'),
    name: text,
    /** First day, local date. */
    from: isoDate,
    /** Last day, local date; absent: still running. */
    to: isoDate.optional(),
    /** The team that owns the programme's communications (a team id). */
    owner: slug('comms-lead'),
    keywords: z.array(phrase).default([]),
    /** Hashtags, with the #. */
    hashtags: z.array(z.string().trim().regex(/^#[\p{L}\p{N}_]+$/u, 'must be a hashtag, e.g. #OurFutureHospitals')).default([]),
    keyMessages: z.array(keyMessageSchema).default([]),
    claims: z.array(programmeClaimSchema).default([]),
    /** Categories whose decisions go to the programme's owner when the content concerns the programme. */
    routes: z.array(slug('misinformation')).default(['misinformation']),
  })
  .refine((programme) => programme.keywords.length + programme.hashtags.length > 0, {
    path: ['keywords'],
    message: 'must list at least one keyword or hashtag',
  })
  .refine((programme) => programme.to === undefined || programme.from <= programme.to, { path: ['to'], message: 'must not be before from' });
export type Programme = z.infer<typeof programmeSchema>;

const responseMatrixBase = z.strictObject({
  version: z.string().trim().min(1, 'must not be empty'),
  name: text,
  riskAppetite: z.enum(RISK_APPETITES).default('balanced'),
  clock: clockSchema,
  /** Priorities that raise EscalationRaised whatever the team; and those that also page on-call. */
  escalation: z
    .strictObject({
      priorities: z.array(prioritySchema).default(['P0', 'P1']),
      page: z.array(prioritySchema).default(['P0']),
    })
    .default({ priorities: ['P0', 'P1'], page: ['P0'] }),
  teams: z.array(teamSchema).min(1, 'must list at least one team'),
  language: z.strictObject({ detect: z.array(z.enum(LANGUAGE_CODES)).min(1) }).default({ detect: ['en', 'cy'] }),
  personalData: z.strictObject({ ignorePostcodes: z.array(text).default([]) }).default({ ignorePostcodes: [] }),
  misinformation: z
    .strictObject({ claims: z.array(claimSchema).default([]), debunking: z.array(phrase).default([]) })
    .default({ claims: [], debunking: [] }),
  preElectionPeriods: z.array(preElectionPeriodSchema).default([]),
  /** Who is told during a pre-election period, and what reads as an announcement from the trust. */
  preElection: preElectionSchema.prefault({}),
  /** Major-incident mode: holding line, the categories offered it, tighter deadlines. */
  incidentMode: incidentModeSchema.prefault({}),
  /** Change programmes (issue 8): tagged on every decision, reported in the digest. */
  programmes: z.array(programmeSchema).default([]),
  /** Spike detection over interaction counts (functions/core/spikes/settings.ts). */
  spikes: spikeSettingsSchema.prefault({}),
  rules: z.array(matrixRuleSchema).min(1, 'must list at least one rule'),
});

export const responseMatrixSchema = responseMatrixBase.superRefine((matrix, ctx) => {
  checkTeams(matrix.teams, ctx);
  checkEachRule(matrix.rules, new Set(matrix.teams.map((team) => team.id)), ctx);
  checkProgrammes(matrix.programmes, new Set(matrix.teams.map((team) => team.id)), ctx);
  if (matrix.spikes.owner !== undefined && !matrix.teams.some((team) => team.id === matrix.spikes.owner)) {
    ctx.addIssue({ code: 'custom', path: ['spikes', 'owner'], message: `"${matrix.spikes.owner}" is not a team; the teams are: ${matrix.teams.map((t) => t.id).join(', ')}` });
  }
  checkOneDefaultPerAudience(matrix.rules, ctx);
  checkPreElection(matrix, ctx);
  checkIncidentMode(matrix, ctx);
});

export type ResponseMatrix = z.infer<typeof responseMatrixSchema>;

type RefinementContext = z.core.$RefinementCtx<unknown>;

function checkTeams(teams: readonly Team[], ctx: RefinementContext): void {
  const seen = new Set<string>();
  teams.forEach((team, i) => {
    if (seen.has(team.id)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'id'], message: `"${team.id}" is used by an earlier team` });
    seen.add(team.id);
  });
}

function checkProgrammes(programmes: readonly Programme[], teamIds: ReadonlySet<string>, ctx: RefinementContext): void {
  const seen = new Set<string>();
  programmes.forEach((programme, i) => {
    if (seen.has(programme.id)) ctx.addIssue({ code: 'custom', path: ['programmes', i, 'id'], message: `"${programme.id}" is used by an earlier programme` });
    seen.add(programme.id);
    if (!teamIds.has(programme.owner)) {
      ctx.addIssue({ code: 'custom', path: ['programmes', i, 'owner'], message: `"${programme.owner}" is not a team; the teams are: ${[...teamIds].join(', ')}` });
    }
  });
}

function checkPreElection(matrix: z.infer<typeof responseMatrixBase>, ctx: RefinementContext): void {
  const teamIds = matrix.teams.map((team) => team.id);
  const { commsLead } = matrix.preElection;
  if (commsLead !== undefined && !teamIds.includes(commsLead)) {
    ctx.addIssue({ code: 'custom', path: ['preElection', 'commsLead'], message: `"${commsLead}" is not a team; the teams are: ${teamIds.join(', ')}` });
    return;
  }
  if (preElectionLead(matrix.preElection, teamIds) !== undefined) return;
  const message = 'tells the comms lead, but there is no team called comms-lead: name the team in preElection.commsLead';
  if (matrix.preElection.announcements.phrases.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['preElection', 'announcements', 'phrases'], message });
  }
  matrix.rules.forEach((rule, i) => {
    if (rule.duringPreElection?.notify) ctx.addIssue({ code: 'custom', path: ['rules', i, 'duringPreElection', 'notify'], message });
  });
}

function checkIncidentMode(matrix: z.infer<typeof responseMatrixBase>, ctx: RefinementContext): void {
  const { holdingLineFor } = matrix.incidentMode;
  // The built-in list may name categories a trust's matrix lacks; only a list the trust wrote is checked.
  const isDefault = holdingLineFor.length === DEFAULT_HOLDING_LINE_CATEGORIES.length && holdingLineFor.every((c, i) => c === DEFAULT_HOLDING_LINE_CATEGORIES[i]);
  if (isDefault) return;
  const categories = [...new Set(matrix.rules.map((rule) => rule.category))];
  holdingLineFor.forEach((category, i) => {
    if (!categories.includes(category)) {
      ctx.addIssue({
        code: 'custom',
        path: ['incidentMode', 'holdingLineFor', i],
        message: `"${category}" is not the category of any rule; the categories are: ${categories.join(', ')}`,
      });
    }
  });
}

function signalCount(set: Partial<SignalSet> | undefined): number {
  if (!set) return 0;
  return ['phrases', 'patterns', 'detectors', 'ifNegative', 'ifPositive', 'authors']
    .map((key) => (set[key as keyof SignalSet]?.length ?? 0))
    .reduce((a, b) => a + b, 0);
}

function checkEachRule(rules: readonly MatrixRule[], teamIds: ReadonlySet<string>, ctx: RefinementContext): void {
  const seen = new Set<string>();
  const teams = [...teamIds].join(', ');
  rules.forEach((rule, i) => {
    const problem = (message: string, ...path: PropertyKey[]) =>
      ctx.addIssue({ code: 'custom', path: ['rules', i, ...path], message });
    if (seen.has(rule.id)) problem(`"${rule.id}" is used by an earlier rule`, 'id');
    seen.add(rule.id);
    if (!teamIds.has(rule.owner)) problem(`"${rule.owner}" is not a team; the teams are: ${teams}`, 'owner');
    for (const appetite of ['cautious', 'open'] as const) {
      const owner = rule.appetite?.[appetite]?.owner;
      if (owner !== undefined && !teamIds.has(owner)) {
        problem(`"${owner}" is not a team; the teams are: ${teams}`, 'appetite', appetite, 'owner');
      }
    }
    const count =
      signalCount(rule.signals) +
      (rule.signals?.combinations.length ?? 0) +
      rule.escalate.filter((e) => e.byItself).reduce((n, e) => n + signalCount(e.when), 0);
    if (rule.default && (signalCount(rule.signals) > 0 || (rule.signals?.combinations.length ?? 0) > 0 || rule.escalate.length > 0)) {
      problem('must be left out on a default rule (it fires when nothing else does)', 'signals');
    }
    if (!rule.default && count === 0) {
      problem('has no signals, so it can never fire (add signals, or mark it default: true)');
    }
    rule.escalate.forEach((escalation, e) => {
      if (signalCount(escalation.when) === 0) problem('must list at least one signal', 'escalate', e, 'when');
    });
  });
}

/** The fallback rules: what guarantees that every interaction gets a decision. */
function checkOneDefaultPerAudience(rules: readonly MatrixRule[], ctx: RefinementContext): void {
  for (const audience of AUDIENCES) {
    const defaults = rules.flatMap((rule, i) => (rule.default && rule.appliesTo.includes(audience) ? [i] : []));
    if (defaults.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: `needs a rule with default: true that applies to ${audience}, so every interaction gets a decision`,
      });
    }
    for (const extra of defaults.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', extra, 'default'],
        message: `is a second default rule for ${audience}; keep one`,
      });
    }
  }
}
