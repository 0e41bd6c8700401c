/**
 * The new-user trial's privacy defect through the spike path: a burst of "Why is Dr Okonkwo-Hartley being
 * moved to Riverside? #OurFutureHospitals" (and the name without a title) is assessed by the real matrix,
 * counted, detected and emailed to the owner. The counters, SpikeDetected.topTerms and the email carry
 * theme words only.
 */
import { assess } from '../../../functions/core/matrix/assess';
import { matrixCalendar } from '../../../functions/core/matrix/calendar';
import { countInteraction } from '../../../functions/core/spikes/count-interaction';
import { detectSpikes } from '../../../functions/core/spikes/detect-spikes';
import { notifySpike, renderSpike, type Spike } from '../../../functions/core/spikes/notify-spike';
import { seriesDescriber } from '../../../functions/core/spikes/series';
import { themeVocabularyOf } from '../../../functions/core/text/themes';
import { loadMatrixFile } from '../../../functions/shared/matrix-file';
import { EXAMPLE_PROGRAMME_ID } from '../../support/fortnight';
import { publicPostMaker, RecordingEmail, RecordingPublisher } from '../../support/in-memory';
import { MemorySpikeStore } from './memory-spike-store';

const matrix = loadMatrixFile('config/response-matrix.yaml');
const settings = matrix.spikes;
const vocabulary = themeVocabularyOf(matrix);

const TRIAL = 'Why is Dr Okonkwo-Hartley being moved to Riverside? #OurFutureHospitals';
const NO_TITLE = 'Okonkwo-Hartley moved to Riverside? Why is the A&E closing? #OurFutureHospitals';

const post = publicPostMaker({ platform: 'x', channel: 'mention', accountId: 'x-1' });

async function replay() {
  const store = new MemorySpikeStore(settings.bucketMinutes);
  const publisher = new RecordingPublisher();
  // One ordinary message at 10:10 on each of the five working days before: the usual count is 1.
  const history = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23'].map((day) => post('Parking was awful again today', `${day}T10:10:00.000Z`));
  // Tuesday 24 November 2026, 10:01 to 10:12: twelve messages, six of each.
  const burst = Array.from({ length: 12 }, (_, i) => post(i % 2 === 0 ? TRIAL : NO_TITLE, `2026-11-24T10:${String(i + 1).padStart(2, '0')}:00.000Z`));
  for (const interaction of [...history, ...burst]) {
    const { assessment } = assess(interaction, matrix, interaction.receivedAt);
    await countInteraction({ interaction, assessment }, settings, store, vocabulary);
  }
  const config = { settings, calendar: matrixCalendar(matrix), describe: seriesDescriber(matrix), vocabulary };
  const result = await detectSpikes('2026-11-24T10:50:00.000Z', config, { counter: store, spikes: store, publisher, newId: () => 'run-1' });
  const events = publisher.ofType('SpikeDetected').map((event) => event.detail.data as Spike);
  return { store, result, events };
}

const NAME = /okonkwo|hartley|riverside/u;

describe('the trial through the spike path: theme words only', () => {
  it('the counters never hold the name or the place (filtered when counting)', async () => {
    const { store } = await replay();
    const counted = [...store.buckets.values()].flatMap((bucket) => [...bucket.values()].flatMap((item) => [...item.terms.keys()]));
    expect(counted).toEqual(expect.arrayContaining(['moved', 'closing', 'ourfuturehospitals']));
    expect(counted.join(' ')).not.toMatch(NAME);
  });

  it('SpikeDetected.topTerms are the burst’s theme words, never the name or the place', async () => {
    const { result, events } = await replay();
    expect(result.published.length).toBeGreaterThan(0);
    const overall = events.find((e) => e.series.kind === 'overall')!;
    const programme = events.find((e) => e.series.kind === 'programme')!;
    expect(programme.series.key).toBe(EXAMPLE_PROGRAMME_ID);
    expect(overall.count).toBe(12);
    // moved 12, ourfuturehospitals 12, closing 6: most frequent first, ties alphabetical.
    expect(overall.topTerms).toEqual(['moved', 'ourfuturehospitals', 'closing']);
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(NAME);
  });

  it('the owner’s email shows the same words and no name or place', async () => {
    const { events } = await replay();
    const email = new RecordingEmail();
    const notify = { trustName: 'Example NHS Foundation Trust', timeZone: 'Europe/London', from: 'alerts@example.nhs.uk', recipients: { default: ['team@example.nhs.uk'] }, vocabulary };
    for (const event of events) {
      await notifySpike(event, { correlationId: `c-${event.spikeId}`, now: '2026-11-24T10:51:00.000Z' }, notify, { email, notices: new MemorySpikeStore() });
    }
    expect(email.sent).toHaveLength(events.length);
    const overall = email.sent.find((m) => m.subject.startsWith('[Spike] All inbound messages'))!;
    expect(overall.text).toContain('Common words: moved, ourfuturehospitals, closing');
    for (const message of email.sent) expect(`${message.subject}\n${message.text}\n${message.html}`.toLowerCase()).not.toMatch(NAME);
  });

  it('an event from before the vocabulary, with the name in it, is emailed without it when the vocabulary is given', () => {
    const old: Spike = {
      spikeId: 'overall:all:2026-11-24T10:00:00.000Z',
      series: { kind: 'overall', key: 'all', label: 'All inbound messages' },
      windowStart: '2026-11-24T10:00:00.000Z',
      windowEnd: '2026-11-24T11:00:00.000Z',
      count: 12,
      expected: 1,
      threshold: 10,
      baselineWindows: 5,
      topTerms: ['okonkwo-hartley', 'riverside', 'moved'],
      ownerTeam: 'comms-lead',
      suggestIncidentMode: true,
      detectedAt: '2026-11-24T10:50:00.000Z',
    };
    const email = renderSpike(old, { trustName: 'Example NHS Foundation Trust', timeZone: 'Europe/London', vocabulary });
    expect(email.text).toContain('Common words: moved\n');
    expect(email.text.toLowerCase()).not.toMatch(NAME);
  });
});
