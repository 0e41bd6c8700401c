import { nhsDefaultCalendar } from '../../../functions/core/sla/calendar';
import { judge, topTerms } from '../../../functions/core/spikes/detect';
import { notifySpike, renderSpike } from '../../../functions/core/spikes/notify-spike';
import { spikeSettingsSchema } from '../../../functions/core/spikes/settings';
import { baselineWindows, currentWindow, dayTypeOf } from '../../../functions/core/spikes/windows';
import { RecordingEmail } from '../../support/in-memory';
import { MemorySpikeStore } from './memory-spike-store';

const settings = spikeSettingsSchema.parse({});
const calendar = nhsDefaultCalendar();
const overall = { kind: 'overall' as const, key: 'all' };
const bucket = (count: number, terms: Record<string, number> = {}) => ({ series: overall, bucketStart: '2026-11-19T14:00:00.000Z', count, terms });
const describe_ = () => ({ label: 'All inbound messages', ownerTeam: 'comms-lead' });
const window = currentWindow('2026-11-19T14:07:00Z', settings);

describe('windows', () => {
  it('ends the window with the bucket in progress', () => {
    expect(window).toEqual({ start: '2026-11-19T13:15:00.000Z', end: '2026-11-19T14:15:00.000Z' });
  });

  it.each([
    ['2026-11-19T12:00:00Z', 'working'],
    ['2026-11-21T12:00:00Z', 'rest'],
    ['2026-12-25T12:00:00Z', 'rest'], // Christmas Day, a Friday
  ])('%s is a %s day', (instant, type) => expect(dayTypeOf(instant, calendar)).toBe(type));

  it('compares a working day with earlier working days, at the same local time across the clock change, never before counting began', () => {
    const monday = currentWindow('2026-11-02T14:07:00Z', settings); // the week after BST ended
    const windows = baselineWindows(monday, calendar, { ...settings, lookbackDays: 10 }, '2026-10-23T00:00:00.000Z');
    expect(windows.map((w) => w.start)).toEqual([
      '2026-10-30T13:15:00.000Z', // Fri, GMT
      '2026-10-29T13:15:00.000Z',
      '2026-10-28T13:15:00.000Z',
      '2026-10-27T13:15:00.000Z',
      '2026-10-26T13:15:00.000Z',
      '2026-10-23T12:15:00.000Z', // Fri before the change: 13:15 BST; the Oct 24-25 weekend is skipped
    ]);
    expect(baselineWindows(monday, calendar, settings, undefined)).toEqual([]);
  });
});

describe('judge', () => {
  const run = (current: number, baseline: number[], coolingDown = new Set<string>()) =>
    judge({ window, current: [bucket(current)], baseline: baseline.map((n) => [bucket(n)]), settings, coolingDown, watched: () => true, describe: describe_ });

  it.each([
    ['a spike: every bar reached', 40, [10, 12, 9, 11], true, undefined],
    ['below minRatio x mean', 30, [10, 12, 9, 11], false, 'below-threshold'],
    ['below minCount', 9, [0, 0, 0, 0], false, 'below-threshold'],
    ['a volatile baseline needs more', 60, [2, 30, 2, 30], false, 'below-threshold'],
    ['too little history', 100, [10, 10, 10], false, 'too-little-history'],
  ])('%s', (_name, count, baseline, spike, reason) => {
    const [verdict] = run(count, baseline).verdicts;
    expect(verdict!.spike).toBe(spike);
    expect(verdict!.reason).toBe(reason);
  });

  it('stays quiet within the cooldown', () => {
    expect(run(40, [10, 10, 10, 10], new Set(['overall:all'])).verdicts[0]!.reason).toBe('cooldown');
  });

  it('names the spike by series and window, and suggests incident mode for a very large one', () => {
    const { spikes } = run(90, [10, 10, 10, 10]);
    expect(spikes[0]).toMatchObject({ spikeId: 'overall:all:2026-11-19T13:15:00.000Z', expected: 10, threshold: 30, suggestIncidentMode: true });
    expect(run(40, [10, 10, 10, 10]).spikes[0]!.suggestIncidentMode).toBe(false);
  });

  it('shows only theme words carried by at least 3 interactions, at most 8, most frequent first', () => {
    const words = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const terms = new Map([['parking', 9], ['barrier', 9], ['rare', 2], ...words.map((w) => [w, 3] as [string, number])]);
    const vocabulary = new Set(['parking', 'barrier', 'rare', ...words]);
    expect(topTerms(terms, vocabulary)).toEqual(['barrier', 'parking', 'w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
  });

  it('drops words outside the theme vocabulary at detection too, however common (counters written before it)', () => {
    const terms = new Map([['riverside', 40], ['okonkwo-hartley', 40], ['parking', 5], ['lantern', 4]]);
    // The built-in words alone when no vocabulary is given: "lantern" is not one of them.
    expect(topTerms(terms)).toEqual(['parking']);
    expect(topTerms(terms, new Set(['parking', 'lantern']))).toEqual(['parking', 'lantern']);
    const { spikes } = judge({
      window,
      current: [bucket(60, Object.fromEntries(terms))],
      baseline: [10, 10, 10, 10].map((n) => [bucket(n)]),
      settings,
      coolingDown: new Set(),
      watched: () => true,
      describe: describe_,
      vocabulary: new Set(['parking', 'lantern']),
    });
    expect(spikes[0]!.topTerms).toEqual(['parking', 'lantern']);
  });
});

describe('notify-spike', () => {
  const spike = {
    spikeId: 'overall:all:2026-11-19T13:15:00.000Z',
    series: { kind: 'overall' as const, key: 'all', label: 'All inbound messages' },
    windowStart: '2026-11-19T13:15:00.000Z',
    windowEnd: '2026-11-19T14:15:00.000Z',
    count: 90,
    expected: 10,
    threshold: 30,
    baselineWindows: 7,
    topTerms: ['barrier', '<script>'],
    ownerTeam: 'comms-lead',
    suggestIncidentMode: true,
    detectedAt: '2026-11-19T14:07:00.000Z',
  };
  const settings_ = {
    trustName: 'Example NHS Trust',
    timeZone: 'Europe/London',
    from: 'alerts@example.nhs.uk',
    recipients: { default: ['team@example.nhs.uk'] },
    vocabulary: new Set(spike.topTerms),
  };

  it('says what spiked, against what, and how to switch on incident mode; escapes the HTML', () => {
    const email = renderSpike(spike, settings_);
    expect(email.subject).toBe('[Spike] All inbound messages: 90 messages in 60 minutes (usually about 10) — Example NHS Trust');
    expect(email.text).toContain('Window: Thu 19 Nov 2026, 13:15–14:15 GMT');
    expect(email.text).toContain('POST /incident');
    expect(email.text).toContain(`"spikeId": "${spike.spikeId}"`);
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(renderSpike({ ...spike, suggestIncidentMode: false }, settings_).text).not.toContain('POST /incident');
  });

  it('emails once per spike, whatever the deliveries; a retry of the claiming delivery finishes it', async () => {
    const store = new MemorySpikeStore();
    const email = new RecordingEmail();
    const deps = { email, notices: store };
    const first = await notifySpike(spike, { correlationId: 'a', now: '2026-11-19T14:08:00.000Z' }, settings_, deps);
    const duplicate = await notifySpike(spike, { correlationId: 'b', now: '2026-11-19T14:09:00.000Z' }, settings_, deps);
    expect([first.outcome, duplicate.outcome]).toEqual(['sent', 'already-sent']);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]!.to).toEqual(['team@example.nhs.uk']);
  });
});
