import type { Assessment, Interaction } from '../../../events';
import { redactPii } from '../pii/redact';
import { slaDueAt } from '../sla/clock';
import { compileMatrix, type CompiledRule } from './compile';
import { runDetectors } from './detectors';
import { ruleSignals } from './match';
import { rankByPrecedence, secondaryCategories, type FiredRule } from './precedence';
import { rationale } from './rationale';
import type { Audience, ResponseMatrix } from './schema';

/**
 * Applies the response matrix to one interaction. Pure: the same interaction, matrix and `now`
 * always give the same assessment. `now` (an ISO instant) is only recorded as `assessedAt`; the
 * SLA clock starts when the interaction was received.
 */
export function assess(
  interaction: Interaction,
  matrix: ResponseMatrix,
  now: string,
): { assessment: Assessment; redactedText: string } {
  const { rules, calendar } = compileMatrix(matrix);
  const audience = audienceOf(interaction);
  const eligible = rules.filter((compiled) => compiled.rule.appliesTo.includes(audience));
  const detected = runDetectors(interaction.text);

  const fired: FiredRule[] = eligible
    .filter((compiled) => !compiled.rule.default)
    .map((compiled) => ({
      rule: compiled.rule,
      index: compiled.index,
      signals: ruleSignals(compiled, interaction.text, detected),
    }))
    .filter((candidate) => candidate.signals.length > 0);

  const [primary = fallbackFor(eligible, audience), ...others] = rankByPrecedence(fired);
  const { text: redactedText, kinds: piiKinds } = redactPii(interaction.text);
  const due = slaDueAt(interaction.receivedAt, primary.rule.sla, calendar);

  const assessment: Assessment = {
    category: primary.rule.category,
    secondaryCategories: secondaryCategories(primary, others),
    signals: [primary, ...others].flatMap((f) => f.signals),
    action: primary.rule.action,
    owner: primary.rule.owner,
    priority: primary.rule.priority,
    publicReply: primary.rule.publicReply,
    slaDueAt: due,
    ruleId: primary.rule.id,
    matrixVersion: matrix.version,
    rationale: rationale({ primary, others, audience, slaDueAt: due }),
    piiKinds,
    assessedAt: now,
  };
  return { assessment, redactedText };
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
