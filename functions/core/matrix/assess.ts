import type { Assessment, Interaction, Signal } from '../../../events';
import { detectCourseOfConduct, type AuthorPost } from '../detectors/course-of-conduct';
import type { Finding } from '../detectors/finding';
import { periodsInForce } from '../detectors/pre-election';
import { redactPii } from '../pii/redact';
import { slaDueAt } from '../sla/clock';
import { languageOf } from '../text/language';
import { sentimentOf } from '../text/sentiment';
import { termsOf } from '../text/terms';
import { compileMatrix, type CompiledMatrix, type CompiledRule } from './compile';
import { runDetectors, type DetectorName, type DetectorResults } from './detectors';
import { escalationFor } from './escalation';
import { holdingLineFor, incidentDueAt, type IncidentContext } from './incident';
import { escalationSignals, ruleSignals, type MatchInput } from './match';
import { announcementEvidence, duringPreElection } from './pre-election';
import { effectivePriority, moreUrgent, rankByPrecedence, secondaryCategories, type FiredRule } from './precedence';
import { correctionReply, programmeClaimFindings, programmeRoute, programmesConcerned, programmeTags } from './programmes';
import { rationale } from './rationale';
import type { Audience, ResponseMatrix } from './schema';

/**
 * What the core may know besides the interaction: the same author's recent posts, from the log, and
 * the major incident in force (major-incident mode), if any.
 */
export interface AssessContext {
  authorHistory?: readonly AuthorPost[];
  incident?: IncidentContext;
}

/**
 * Applies the response matrix to one interaction. Pure: the same interaction, matrix, `now` and
 * context always give the same assessment. `now` (an ISO instant) is only recorded as `assessedAt`;
 * the SLA clock starts when the interaction was received.
 */
export function assess(
  interaction: Interaction,
  matrix: ResponseMatrix,
  now: string,
  context: AssessContext = {},
): { assessment: Assessment; redactedText: string } {
  const compiled = compileMatrix(matrix);
  const audience = audienceOf(interaction);
  const eligible = compiled.rules.filter((rule) => rule.rule.appliesTo.includes(audience));
  const language = languageOf(interaction.text, compiled.languages);
  const sentiment = sentimentOf(interaction.text, language.code);
  const timeZone = compiled.calendar.timeZone;
  const programmes = programmesConcerned(interaction.text, {
    receivedAt: interaction.receivedAt,
    timeZone,
    programmes: compiled.programmes,
    debunking: compiled.debunking,
  });
  const detected = withProgrammeClaims(
    runDetectors(interaction.text, {
      receivedAt: interaction.receivedAt,
      timeZone,
      ignorePostcodes: matrix.personalData.ignorePostcodes,
      claims: compiled.claims,
      debunking: compiled.debunking,
      preElectionPeriods: compiled.preElectionPeriods,
    }),
    programmeClaimFindings(programmes),
  );
  const input: MatchInput = {
    text: interaction.text,
    authorText: [interaction.author.handle, interaction.author.displayName].filter(Boolean).join(' '),
    sentiment: sentiment.label,
    detected,
  };

  const candidates = eligible.filter((rule) => !rule.rule.default);
  const firstPass = candidates.map((rule) => fire(rule, input)).filter((f): f is FiredRule => f !== undefined);
  // Course of conduct depends on what this post is (abuse? trolling?), so it runs after the first pass.
  const fired = candidates.flatMap((rule) => {
    const earlier = firstPass.find((f) => f.rule.id === rule.rule.id);
    const conduct = courseOfConduct(rule, firstPass, interaction.receivedAt, context.authorHistory ?? []);
    if (conduct.length === 0) return earlier ? [earlier] : [];
    const withHistory = new Map<DetectorName, readonly Finding[]>([...detected, ['course-of-conduct', conduct]]);
    const again = fire(rule, { ...input, detected: withHistory });
    return again ? [again] : [];
  });
  // During a pre-election period, a rule with duringPreElection keeps its usual precedence (so political
  // content still outranks a P2 complaint or a P3 question) and then decides as those settings say.
  const [period] = periodsInForce(interaction.receivedAt, timeZone, compiled.preElectionPeriods);
  const inPeriod = (f: FiredRule) => (period ? duringPreElection(f, period.name) : f);
  const [ranked = fallbackFor(eligible, audience), ...rest] = rankByPrecedence(fired);
  const primary = inPeriod(ranked);
  const others = rest.map(inPeriod);
  const { text: redactedText, kinds: piiKinds } = redactPii(interaction.text, { ignorePostcodes: matrix.personalData.ignorePostcodes });
  const signals = [primary, ...others].flatMap((f) => f.signals);
  const flags = flagsOf({ piiKinds, primary, others, signals, language: language.code });
  const notes: string[] = [];
  const tellBecause: string[] = [];
  let priority = effectivePriority(primary);
  let sla = primary.raised?.sla ?? primary.rule.sla;
  let action = primary.raised?.action ?? primary.rule.action;
  let ownerTeam = primary.rule.owner;
  let replyTemplate = primary.raised?.replyTemplate ?? primary.rule.replyTemplate;

  const route = programmeRoute(programmes, primary.rule.category);
  if (route) {
    ownerTeam = route.programme.owner;
    notes.push(`It concerns the programme "${route.programme.name}", so it goes to the programme's owner`);
    if (route.claim) {
      replyTemplate = correctionReply(route.claim);
      notes.push(`Suggested reply: the programme's correction of the claim "${route.claim.name ?? route.claim.id}", with its source`);
    }
  }

  if (primary.preElection?.notify && compiled.preElection.lead) {
    ownerTeam = compiled.preElection.lead;
    tellBecause.push(`pre-election period (${primary.preElection.period}): political content is monitor-only and the comms lead is told`);
    notes.push(
      `During the pre-election period "${primary.preElection.period}" political content is monitor-only; the comms lead is told` +
        (others.length > 0 ? ' (the rule still decides where it usually would)' : ''),
    );
  } else if (primary.preElection) {
    notes.push(`During the pre-election period "${primary.preElection.period}" this rule's pre-election settings apply`);
  }

  const announcement = period && audience === 'own-account' ? announcementEvidence(interaction.text, compiled.preElection) : [];
  if (period && announcement.length > 0) {
    flags.push('pre-election-announcement');
    signals.push(
      ...announcement.map((evidence) => ({ detector: 'pre-election-announcement', category: primary.rule.category, evidence, spanKind: 'phrase' })),
    );
    notes.push(`The trust's own post reads as an announcement during the pre-election period "${period.name}"`);
    // Another decision (an NHS number in our own post) keeps its priority; the flag still shows.
    if (primary.rule.default) {
      priority = 'monitor';
      sla = { kind: 'none' };
      action = compiled.preElection.announcementAction;
      if (compiled.preElection.lead) {
        ownerTeam = compiled.preElection.lead;
        tellBecause.push(`pre-election period (${period.name}): an announcement from the trust; the comms lead is told`);
      }
    }
  }

  let due = slaDueAt(interaction.receivedAt, sla, compiled.calendar);
  const incident = context.incident;
  if (incident) {
    const holdingLine = holdingLineFor(primary.rule.category, incident, matrix.incidentMode);
    if (holdingLine) replyTemplate = holdingLine;
    action = `Major-incident mode is on (${incident.name})${holdingLine ? ": offer the incident's holding line" : ''}. ${action}`;
    const normal = due;
    due = incidentDueAt({ normal, priority, receivedAt: interaction.receivedAt, settings: matrix.incidentMode, calendar: compiled.calendar });
    notes.push(`Major-incident mode is on ("${incident.name}")${due !== normal ? ': the incident deadline is sooner, so it applies' : ''}`);
    flags.push('major-incident-mode');
  }

  const team = compiled.teams.get(ownerTeam);
  const escalation = escalationFor(priority, team, matrix.escalation, tellBecause);
  const terms = termsOf(redactedText);

  const assessment: Assessment = {
    category: primary.rule.category,
    secondaryCategories: secondaryCategories(primary, others),
    signals,
    action,
    owner: team?.name ?? ownerTeam,
    priority,
    publicReply: primary.rule.publicReply,
    slaDueAt: due,
    ruleId: primary.rule.id,
    matrixVersion: matrix.version,
    rationale: rationale({
      primary,
      others,
      audience,
      slaDueAt: due,
      timeZone: compiled.calendar.timeZone,
      ownerName: team?.name,
      language: language.code,
      sentiment: sentiment.label,
      action,
      priority,
      notes,
    }),
    piiKinds,
    assessedAt: now,
    ownerTeam,
    ...(primary.raised ? { basePriority: primary.rule.priority } : {}),
    riskAppetite: matrix.riskAppetite,
    sentiment: { label: sentiment.label, score: sentiment.score },
    language: language.code,
    flags,
    ...(programmes.length > 0 ? { programmes: programmeTags(programmes) } : {}),
    ...(replyTemplate ? { replyTemplate } : {}),
    ...(incident ? { incident: { id: incident.id, name: incident.name } } : {}),
    terms,
    escalation: { notify: escalation.notify, page: escalation.page, reasons: escalation.reasons },
  };
  return { assessment, redactedText };
}

/** Programme claims join the misinformation list's findings, so rules listing misinformation-claim fire on them. */
function withProgrammeClaims(detected: DetectorResults, claims: readonly Finding[]): DetectorResults {
  if (claims.length === 0) return detected;
  const merged = new Map(detected);
  merged.set('misinformation-claim', [...(detected.get('misinformation-claim') ?? []), ...claims]);
  return merged;
}

/** A rule's signals and escalations on this input; undefined when it does not fire. */
function fire(compiled: CompiledRule, input: MatchInput): FiredRule | undefined {
  const own = ruleSignals(compiled, input);
  const escalations = escalationSignals(compiled, input).filter((e) => e.byItself || own.length > 0);
  if (own.length === 0 && escalations.length === 0) return undefined;
  let raised: FiredRule['raised'];
  for (const { index } of escalations) {
    const { escalation } = compiled.escalations[index]!;
    const current = raised?.priority ?? compiled.rule.priority;
    if (moreUrgent(escalation.to, current)) {
      raised = {
        priority: escalation.to,
        reason: escalation.reason,
        sla: escalation.sla,
        action: escalation.action,
        replyTemplate: escalation.replyTemplate,
      };
    }
  }
  return { rule: compiled.rule, index: compiled.index, signals: [...own, ...escalations.flatMap((e) => e.signals)], raised };
}

function courseOfConduct(rule: CompiledRule, firstPass: readonly FiredRule[], receivedAt: string, history: readonly AuthorPost[]): Finding[] {
  const settings = rule.rule.courseOfConduct;
  if (!settings || history.length === 0) return [];
  return detectCourseOfConduct({ receivedAt, currentCategories: firstPass.map((f) => f.rule.category), history, rule: settings });
}

function flagsOf(input: {
  piiKinds: readonly string[];
  primary: FiredRule;
  others: readonly FiredRule[];
  signals: readonly Signal[];
  language: string;
}): string[] {
  const flags: string[] = [];
  if (input.piiKinds.length > 0) flags.push('personal-data');
  if (input.primary.raised) flags.push('priority-raised');
  // Content that a rule treats differently during a pre-election period (political), whichever rule decided.
  if ([input.primary, ...input.others].some((f) => f.preElection)) flags.push('pre-election-period');
  if (input.signals.some((s) => s.detector === 'course-of-conduct')) flags.push('course-of-conduct');
  if (input.language === 'cy') flags.push('reply-in-welsh');
  return flags;
}

/** Deleted wins over own-account: a deleted own post has nothing left to act on. */
export function audienceOf(interaction: Interaction): Audience {
  if (interaction.flags.deleted) return 'deleted';
  if (interaction.flags.ownAccount) return 'own-account';
  return 'others';
}

function fallbackFor(eligible: readonly CompiledRule[], audience: Audience): FiredRule {
  const fallback = eligible.find((compiled) => compiled.rule.default);
  // parseMatrix guarantees one default per audience; only a hand-built matrix can miss it.
  if (!fallback) throw new Error(`response matrix has no default rule for ${audience}; load it with parseMatrix`);
  return { rule: fallback.rule, index: fallback.index, signals: [] };
}

export type { CompiledMatrix };
