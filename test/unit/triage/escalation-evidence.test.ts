/**
 * What an escalation says the matrix saw (EscalationRaised.evidence, the team email's "What the matrix
 * saw"): the signals of the decided category and any signal that raised a priority, never the signals of
 * other categories that also fired (a thank-you's "thank you" on a P0 safeguarding page).
 */
import { EscalationRaised, InteractionReceived, type DetailOf, type Signal } from '../../../events';
import { renderEscalation } from '../../../functions/core/escalation/notify-owner';
import { assessInteraction, evidenceFor } from '../../../functions/core/triage/assess-interaction';
import { defaultMatrix, interaction, TUESDAY_MORNING } from '../matrix/fixtures';

const RISK_TO_LIFE = 'risk to life: first-person intent to end their life';

function received(text: string): DetailOf<typeof InteractionReceived> {
  return {
    metadata: { schemaVersion: InteractionReceived.schemaVersion, idempotencyKey: 'InteractionReceived:facebook:123_456', correlationId: 'corr-1', occurredAt: TUESDAY_MORNING },
    data: interaction(text),
  };
}

function escalationOf(text: string) {
  const { assessment, events } = assessInteraction(received(text), defaultMatrix, TUESDAY_MORNING);
  const escalation = events.find((event) => event.contract === EscalationRaised);
  if (!escalation) throw new Error('no EscalationRaised');
  return { assessment, data: EscalationRaised.detailSchema.parse(escalation.detail).data };
}

describe('escalation evidence', () => {
  it('a thank-you with a risk to life: the P0 safeguarding escalation lists the risk to life, not the compliment', () => {
    // Prepare / Act
    const { assessment, data } = escalationOf('Thank you so much for the care. I am going to end my life tonight');

    // Assess: the compliment fired too and stays in the assessment, but not in what the team is told.
    expect(assessment).toMatchObject({ category: 'safeguarding', priority: 'P0', secondaryCategories: ['compliment'] });
    expect(assessment.signals.map((signal) => signal.evidence)).toContain("phrase: 'thank you'");
    expect(data.evidence).toEqual([RISK_TO_LIFE]);
    const { text, html } = renderEscalation(data, { trustName: 'Example NHS Foundation Trust', timeZone: 'Europe/London' });
    expect(text).toContain(`What the matrix saw: ${RISK_TO_LIFE}\n`);
    expect(`${text}${html}`).not.toMatch(/thank you/iu);
  });

  it('keeps a signal of another category that raised a priority (emergency words), and drops the rest', () => {
    const { assessment, data } = escalationOf('Thank you so much. I am going to end my life tonight, my husband has collapsed and is not breathing');

    expect(assessment).toMatchObject({ category: 'safeguarding', priority: 'P0' });
    expect(data.evidence).toEqual([RISK_TO_LIFE, "phrase: 'not breathing'", "phrase: 'collapsed'"]);
  });

  it.each<[string, Signal[], string[]]>([
    ['no signals (the default rule)', [], []],
    [
      'the decided category only, each wording once',
      [
        { detector: 'phrase', category: 'complaint', evidence: "phrase: 'rude'" },
        { detector: 'phrase', category: 'complaint', evidence: "phrase: 'rude'" },
        { detector: 'phrase', category: 'compliment', evidence: "phrase: 'thank you'" },
      ],
      ["phrase: 'rude'"],
    ],
    [
      'a raising signal of another category too',
      [
        { detector: 'phrase', category: 'complaint', evidence: "phrase: 'complaint'" },
        { detector: 'phrase', category: 'misinformation', evidence: "phrase: 'please share'", raises: 'P1' },
        { detector: 'question', category: 'general-question', evidence: 'question mark' },
      ],
      ["phrase: 'complaint'", "phrase: 'please share'"],
    ],
  ])('evidenceFor: %s', (_case, signals, expected) => {
    expect(evidenceFor({ category: 'complaint', signals })).toEqual(expected);
  });
});
