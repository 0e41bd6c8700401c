/**
 * The new-user trial's privacy defect, replayed: three people ask "Why is Dr Okonkwo-Hartley being moved
 * to Riverside? #OurFutureHospitals" and the board digest printed "okonkwo-hartley (3), riverside (3)".
 * Now only theme words (the built-in service words and the matrix's own) reach the digest, however many
 * people write a name or a place. Everything goes through the real matrix (config/response-matrix.yaml)
 * and the log's projection mapping, as in production.
 */
import { readFileSync } from 'node:fs';
import type { Interaction } from '../../../events';
import { toInteractionSummary } from '../../../functions/adapters/week-projection';
import { sendWeeklyDigest } from '../../../functions/core/digest/send-weekly-digest';
import { assess } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import type { LoggedInteractionSummary, SpikeRecord } from '../../../functions/core/ports';
import { themeVocabularyOf } from '../../../functions/core/text/themes';
import { PATHS } from '../../../local/paths';
import { FakeRasteriser, MemoryDigestStore, MemoryHealthLog, MemoryWeekLog } from '../../support/digest';
import { EXAMPLE_PROGRAMME_ID } from '../../support/fortnight';
import { publicPostMaker, RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';

const ZONE = 'Europe/London';
const WEEK = '2026-W48'; // Monday 23 to Sunday 29 November 2026, inside the example programme's dates
const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
const vocabulary = themeVocabularyOf(matrix);

const TRIAL = 'Why is Dr Okonkwo-Hartley being moved to Riverside? #OurFutureHospitals';
/** The same name without a title (so the title rule in termsOf cannot help): only the vocabulary stops it. */
const NO_TITLE = 'Okonkwo-Hartley moved to Riverside? Why is the A&E closing? #OurFutureHospitals';
const CLOSING = 'Is A&E closing at Riverside? #OurFutureHospitals';

const post = publicPostMaker({ platform: 'facebook', channel: 'public_comment', accountId: 'page-1' });

function logged(interaction: Interaction): LoggedInteractionSummary {
  const { assessment } = assess(interaction, matrix, interaction.receivedAt);
  return toInteractionSummary({
    interactionId: interaction.id,
    platform: interaction.platform,
    channel: interaction.channel,
    receivedAt: interaction.receivedAt,
    ownAccount: false,
    category: assessment.category,
    priority: assessment.priority,
    status: 'assessed',
    needsReply: assessment.publicReply === 'yes',
    interaction: { accountId: interaction.accountId },
    assessment,
  });
}

const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
const interactions = [
  ...[0, 1, 2].map((m) => post(TRIAL, at(m))),
  ...[3, 4, 5].map((m) => post(NO_TITLE, at(m))),
  ...[6, 7, 8].map((m) => post(CLOSING, at(m))),
];
const items = interactions.map(logged);

/** The trust's own wording (a key message names the site it moves to) may name a place; take it out before looking. */
function withoutTrustWording(text: string): string {
  const wording = matrix.programmes.flatMap((p) => p.keyMessages.map((m) => m.text.toLowerCase()));
  return wording.reduce((rest, phrase) => rest.split(phrase).join(' '), text);
}

async function digest(settings: { vocabulary?: typeof vocabulary }, spikeAlerts?: SpikeRecord[]) {
  const email = new RecordingEmail();
  const publisher = new RecordingPublisher();
  const result = await sendWeeklyDigest(
    { week: WEEK },
    '2026-11-30T08:00:00.000Z',
    {
      trustName: 'Example NHS Foundation Trust',
      timeZone: ZONE,
      from: 'digest@example.nhs.uk',
      recipients: ['board@example.nhs.uk'],
      programmes: matrix.programmes,
      teams: matrix.teams,
      preElectionPeriods: matrix.preElectionPeriods,
      ...settings,
    },
    {
      log: new MemoryWeekLog({ [WEEK]: items }),
      health: new MemoryHealthLog(),
      store: new MemoryDigestStore(),
      email,
      publisher,
      rasteriser: new FakeRasteriser(),
      newId: sequentialIds(),
      ...(spikeAlerts ? { spikes: { listBetween: async () => spikeAlerts } } : {}),
    },
  );
  const sent = email.sent[0]!;
  const csv = (sent.attachments ?? []).filter((a) => a.contentType === 'text/csv').map((a) => Buffer.from(a.content).toString('utf8'));
  const everything = [sent.subject, sent.text, sent.html, ...csv, JSON.stringify(publisher.published), JSON.stringify(result.figures)].join('\n').toLowerCase();
  return { result, text: sent.text, everything, public: withoutTrustWording(everything) };
}

describe('the trial: a name and a place many people wrote never reach the digest', () => {
  it('the log keeps the words (the assessment is the log; it holds the redacted text anyway)', () => {
    // The title rule keeps the name out of the terms of the trial's text; without a title it is a term.
    expect(items[0]!.terms).toEqual(expect.arrayContaining(['moved', 'riverside']));
    expect(items[0]!.terms).not.toContain('okonkwo-hartley');
    expect(items[3]!.terms).toEqual(expect.arrayContaining(['okonkwo-hartley', 'moved', 'riverside', 'closing']));
    expect(items.every((item) => item.programmes?.some((p) => p.id === EXAMPLE_PROGRAMME_ID))).toBe(true);
    expect(items.filter((item) => item.question).length).toBe(9);
  });

  it('"What people are asking" shows the theme words only: moved and closing, never the name or the place', async () => {
    for (const settings of [{ vocabulary }, {}]) {
      const { result, text, everything, public: shown } = await digest(settings);
      const [programme] = result.figures.programmes;
      expect(programme!.id).toBe(EXAMPLE_PROGRAMME_ID);
      expect(programme!.asking.terms).toEqual([
        { term: 'closing', interactions: 6 },
        { term: 'moved', interactions: 6 },
      ]);
      expect(text).toMatch(/What people are asking: .*closing \(6\), moved \(6\)\./u);
      expect(everything).not.toContain('okonkwo');
      expect(everything).not.toContain('hartley');
      expect(shown).not.toContain('riverside');
    }
  });

  it('a spike recorded with the name and the place lists only its theme words', async () => {
    const spike: SpikeRecord = {
      spikeId: `programme:${EXAMPLE_PROGRAMME_ID}:2026-11-24T10:00:00.000Z`,
      series: { kind: 'programme', key: EXAMPLE_PROGRAMME_ID, label: 'Hospital services reconfiguration 2027' },
      windowStart: '2026-11-24T10:00:00.000Z',
      windowEnd: '2026-11-24T11:00:00.000Z',
      count: 9,
      expected: 0.5,
      // As a detector from before the theme vocabulary would have stored it.
      topTerms: ['riverside', 'okonkwo-hartley', 'moved', 'closing'],
      ownerTeam: 'change-programme',
      suggestIncidentMode: false,
      detectedAt: '2026-11-24T10:10:00.000Z',
    };
    const { result, text, everything, public: shown } = await digest({ vocabulary }, [spike]);
    expect(result.figures.spikeAlerts![0]!.topTerms).toEqual(['moved', 'closing']);
    expect(text).toContain('common words: moved, closing.');
    expect(everything).not.toMatch(/okonkwo|hartley/u);
    expect(shown).not.toContain('riverside');
  });
});
