/**
 * Proof over the synthetic fortnight (test/support/fortnight.ts): every interaction goes through the
 * real response matrix (config/response-matrix.yaml, with its example programme "Hospital services
 * reconfiguration 2027"), is read back through the week projection's mapping, and the digest of week 2
 * must show the planted misinformation wave and the trust's planted key-message posts in the
 * programme's section. Expected figures come from the fortnight's `planted` ids and plain text checks,
 * not from the code under test.
 */
import { readFileSync } from 'node:fs';
import type { Interaction } from '../../../events';
import { toInteractionSummary } from '../../../functions/adapters/week-projection';
import { sendWeeklyDigest } from '../../../functions/core/digest/send-weekly-digest';
import { assess } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import type { LoggedInteractionSummary } from '../../../functions/core/ports';
import { themeVocabularyOf } from '../../../functions/core/text/themes';
import { isoWeekOf } from '../../../functions/core/time/iso-week';
import { PATHS } from '../../../local/paths';
import { FakeRasteriser, MemoryDigestStore, MemoryHealthLog, MemoryWeekLog } from '../../support/digest';
import { EXAMPLE_PROGRAMME_ID, syntheticFortnight } from '../../support/fortnight';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';

const ZONE = 'Europe/London';
const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
const fortnight = syntheticFortnight({ timeZone: ZONE });
const wave = fortnight.planted.misinformationWave;
const waveIds = new Set(wave.ids);
const WEEK_1 = isoWeekOf(fortnight.from, ZONE);
const WEEK_2 = isoWeekOf(wave.start, ZONE);
/** The team answered the first 20 posts of the wave (by time), 30 minutes after each arrived. */
const ANSWERED = new Set(
  fortnight.interactions
    .filter((i) => waveIds.has(i.id))
    .slice(0, 20)
    .map((i) => i.id),
);

/** The interaction item as the log keeps it, read back through the digest's projection mapping. */
function logged(interaction: Interaction): LoggedInteractionSummary {
  const { assessment } = assess(interaction, matrix, interaction.receivedAt);
  const answeredAt = ANSWERED.has(interaction.id) ? new Date(Date.parse(interaction.receivedAt) + 30 * 60_000).toISOString() : undefined;
  return toInteractionSummary({
    interactionId: interaction.id,
    platform: interaction.platform,
    channel: interaction.channel,
    receivedAt: interaction.receivedAt,
    ownAccount: interaction.flags.ownAccount,
    category: assessment.category,
    priority: assessment.priority,
    status: answeredAt ? 'replied' : 'assessed',
    needsReply: assessment.publicReply === 'yes' && !interaction.flags.ownAccount,
    ...(answeredAt ? { firstResponseAt: answeredAt, replyVisibility: 'public' } : {}),
    interaction: { accountId: interaction.accountId },
    assessment,
  });
}

const byWeek: Record<string, LoggedInteractionSummary[]> = {};
for (const interaction of fortnight.interactions) (byWeek[isoWeekOf(interaction.receivedAt, ZONE)] ??= []).push(logged(interaction));

const inWeek = (week: string) => fortnight.interactions.filter((i) => isoWeekOf(i.receivedAt, ZONE) === week);
const text = (i: Interaction) => i.text.toLowerCase();
/** Ordinary posts name the programme only through its keyword "stroke unit" (a ward in the generator). */
const ordinaryAbout = (week: string) => inWeek(week).filter((i) => !i.flags.ownAccount && !waveIds.has(i.id) && text(i).includes('stroke unit')).length;

async function digestOfWeek2() {
  const settings = { trustName: 'Example NHS Foundation Trust', timeZone: ZONE, from: 'digest@example.nhs.uk', recipients: ['board@example.nhs.uk'], programmes: matrix.programmes, teams: matrix.teams, preElectionPeriods: matrix.preElectionPeriods, vocabulary: themeVocabularyOf(matrix) };
  const deps = {
    log: new MemoryWeekLog(byWeek),
    health: new MemoryHealthLog(),
    store: new MemoryDigestStore(),
    email: new RecordingEmail(),
    publisher: new RecordingPublisher(),
    rasteriser: new FakeRasteriser(),
    newId: sequentialIds(),
  };
  // The Monday after the fortnight.
  return sendWeeklyDigest({ week: WEEK_2, preview: true }, fortnight.to, settings, deps);
}

describe('the synthetic fortnight through the matrix into the digest', () => {
  it('has the wave in week 2 and the example programme running in both weeks', () => {
    expect(new Set(wave.ids.map((id) => isoWeekOf(fortnight.interactions.find((i) => i.id === id)!.receivedAt, ZONE)))).toEqual(new Set([WEEK_2]));
    expect(WEEK_1).not.toBe(WEEK_2);
    expect(wave.programmeId).toBe(EXAMPLE_PROGRAMME_ID);
  });

  it('shows the programme’s volume: the wave plus the ordinary posts naming it, against week 1', async () => {
    const { figures } = await digestOfWeek2();
    expect(figures.programmes.map((p) => p.id)).toEqual([EXAMPLE_PROGRAMME_ID]);
    const [programme] = figures.programmes;
    expect(programme!.inbound).toBe(wave.ids.length + ordinaryAbout(WEEK_2));
    expect(programme!.trend.map((p) => p.counts?.inbound)).toEqual([0, 0, 0, ordinaryAbout(WEEK_1), wave.ids.length + ordinaryAbout(WEEK_2)]);
    const { positive, neutral, negative, measured } = programme!.sentiment;
    expect(positive + neutral + negative).toBe(measured);
  });

  it('shows the planted misinformation: every wave post seen under its claim, the 20 answered as corrected', async () => {
    const [programme] = (await digestOfWeek2()).figures.programmes;
    expect(programme!.misinformation).toEqual({
      seen: wave.ids.length,
      corrected: 20,
      claims: [{ id: 'a-and-e-closing', description: 'A&E is closing', seen: wave.ids.length, corrected: 20 }],
      otherSeen: 0,
      otherCorrected: 0,
    });
  });

  it('shows key-message pull-through: the trust’s planted posts carrying each message, and no public echo', async () => {
    const [programme] = (await digestOfWeek2()).figures.programmes;
    const ownIds = new Set(fortnight.planted.ownPosts.ids);
    const own = inWeek(WEEK_2).filter((i) => ownIds.has(i.id) && text(i).includes('#ourfuturehospitals'));
    const carrying = (phrase: string) => own.filter((i) => text(i).includes(phrase)).length;
    expect(programme!.ownPosts).toBe(own.length);
    expect(own.length).toBeGreaterThan(0);
    expect(programme!.keyMessages.map((m) => [m.id, m.ownPosts, m.ownShare, m.publicEchoes])).toEqual([
      ['specialist-stroke-care-saves-lives', carrying('specialist stroke care'), carrying('specialist stroke care') / own.length, 0],
      ['both-a-and-e-stay-open', carrying('a&e is staying open'), carrying('a&e is staying open') / own.length, 0],
      ['choice-of-birthplace', 0, 0, 0],
    ]);
  });

  it('says what people are asking from words at least 3 different questions carried', async () => {
    const [programme] = (await digestOfWeek2()).figures.programmes;
    const waveQuestions = inWeek(WEEK_2).filter((i) => waveIds.has(i.id) && i.text.includes('?')).length;
    expect(programme!.asking.source).toBe('questions');
    expect(programme!.asking.terms.every((t) => t.interactions >= 3)).toBe(true);
    // "Heard A&E is closing at ..., where are we meant to go?" is the wave's question.
    expect(programme!.asking.terms.find((t) => t.term === 'closing')?.interactions).toBe(waveQuestions);
    // The programme's own words (keywords, hashtags) are left out.
    expect(programme!.asking.terms.map((t) => t.term)).not.toContain('ourfuturehospitals');
  });

  it('words the section, with no author or message text anywhere in the digest', async () => {
    const { preview } = await digestOfWeek2();
    expect(preview!.text).toContain('CHANGE PROGRAMME: HOSPITAL SERVICES RECONFIGURATION 2027');
    expect(preview!.text).toContain('Runs 1 September 2026 to 31 December 2027; owner: Change programme communications lead. Counts only.');
    expect(preview!.text).toContain(`  A&E is closing: seen ${wave.ids.length}, answered with a correction 20`);
    const everything = [preview!.subject, preview!.text, preview!.html, preview!.csv].join('\n');
    expect(everything).not.toMatch(/person-\d+/);
    for (const template of ['Share before it is too late', 'Nobody asked us', 'Disgraceful']) expect(everything).not.toContain(template);
  });
});
