import type { Assessment, Interaction, Signal } from '../../../events';
import { detectCourseOfConduct, type AuthorPost } from '../detectors/course-of-conduct';
import type { Finding } from '../detectors/finding';
import { redactPii } from '../pii/redact';
import { slaDueAt } from '../sla/clock';
import { languageOf } from '../text/language';
import { sentimentOf } from '../text/sentiment';
import { compileMatrix, type CompiledMatrix, type CompiledRule } from './compile';
import { runDetectors, type DetectorName } from './detectors';
import { escalationFor } from './escalation';
import { escalationSignals, ruleSignals, type MatchInput } from './match';
import { effectivePriority, moreUrgent, rankByPrecedence, secondaryCategories, type FiredRule } from './precedence';
import { rationale } from './rationale';
import type { Audience, ResponseMatrix } from './schema';

/** What the core may know besides the interaction: the same author's recent posts, from the log. */
export interface AssessContext {
  authorHistory?: readonly AuthorPost[];
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
  const detected = runDetectors(interaction.text, {
    receivedAt: interaction.receivedAt,
    timeZone: compiled.calendar.timeZone,
    ignorePostcodes: matrix.personalData.ignorePostcodes,
    claims: compiled.claims,
    debunking: compiled.debunking,
    preElectionPeriods: compiled.preElectionPeriods,
  });
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

  const [primary = fallbackFor(eligible, audience), ...others] = rankByPrecedence(fired);
  const { text: redactedText, kinds: piiKinds } = redactPii(interaction.text, { ignorePostcodes: matrix.personalData.ignorePostcodes });
  const priority = effectivePriority(primary);
  const due = slaDueAt(interaction.receivedAt, primary.raised?.sla ?? primary.rule.sla, compiled.calendar);
  const team = compiled.teams.get(primary.rule.owner);
  const escalation = escalationFor(priority, team, matrix.escalation);
  const signals = [primary, ...others].flatMap((f) => f.signals);

  const assessment: Assessment = {
    category: primary.rule.category,
    secondaryCategories: secondaryCategories(primary, others),
    signals,
    action: primary.raised?.action ?? primary.rule.action,
    owner: team?.name ?? primary.rule.owner,
    priority,
    publicReply: primary.rule.publicReply,
    slaDueAt: due,
    ruleId: primary.rule.id,
    matrixVersion: matrix.version,
    rationale: rationale({ primary, others, audience, slaDueAt: due, ownerName: team?.name, language: language.code, sentiment: sentiment.label }),
    piiKinds,
    assessedAt: now,
    ownerTeam: primary.rule.owner,
    ...(primary.raised ? { basePriority: primary.rule.priority } : {}),
    riskAppetite: matrix.riskAppetite,
    sentiment: { label: sentiment.label, score: sentiment.score },
    language: language.code,
    flags: flagsOf({ piiKinds, primary, signals, detected, language: language.code }),
    escalation: { notify: escalation.notify, page: escalation.page, reasons: escalation.reasons },
  };
  return { assessment, redactedText };
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
  signals: readonly Signal[];
  detected: ReadonlyMap<DetectorName, unknown>;
  language: string;
}): string[] {
  const flags: string[] = [];
  if (input.piiKinds.length > 0) flags.push('personal-data');
  if (input.primary.raised) flags.push('priority-raised');
  if (input.detected.has('pre-election-period')) flags.push('pre-election-period');
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
