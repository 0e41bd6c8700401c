/**
 * The digest's major-change sections (issue 8), over hand-built summaries of 2026-W48 (Monday 23 to
 * Sunday 29 November 2026, GMT): every figure below is counted by hand from the items in this file.
 */
import { sendWeeklyDigest } from '../../../functions/core/digest/send-weekly-digest';
import { buildFigures, type DigestInput } from '../../../functions/core/digest/summarise';
import { renderDigest } from '../../../functions/core/digest/render';
import { askingText, keyMessagesTitle } from '../../../functions/core/digest/major-change-words';
import { programmeSchema, type Programme } from '../../../functions/core/matrix/schema';
import type { IncidentMode, LoggedInteractionSummary, SpikeRecord, WeekSummary } from '../../../functions/core/ports';
import { weekRange } from '../../../functions/core/time/iso-week';
import { FakeRasteriser, MemoryDigestStore, MemoryHealthLog, MemoryWeekLog } from '../../support/digest';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';

const WEEK = '2026-W48';
const ZONE = 'Europe/London';
const RANGE = weekRange(WEEK, ZONE);
const NOW = '2026-11-30T08:00:00.000Z';
const P = 'hospital-services-2027';

const programme = (over: Partial<Programme> & Pick<Programme, 'id' | 'name' | 'from'>): Programme =>
  programmeSchema.parse({ owner: 'comms-lead', keywords: ['reconfiguration'], ...over });

const HOSPITAL = programme({
  id: P,
  name: 'Hospital services reconfiguration 2027',
  from: '2026-11-01',
  keywords: ['reconfiguration', 'hospital services'],
  hashtags: ['#OurFutureHospitals'],
  keyMessages: [
    { id: 'care-closer-to-home', text: 'More care closer to home', phrases: ['closer to home'] },
    { id: 'a-and-e-stays-open', text: 'A&E at the General stays open', phrases: ['a&e stays open'] },
  ],
  claims: [
    { id: 'a-and-e-closing', name: 'A&E at the General is closing', says: ['a&e is closing', 'closing a&e'], correction: 'A&E at the General stays open.', source: 'https://www.example.nhs.uk/changes' },
    { id: 'maternity-moving', says: ['maternity is moving'], correction: 'Maternity stays where it is.', source: 'https://www.example.nhs.uk/changes' },
  ],
});
/** Ended before the week: not shown. */
const OLD = programme({ id: 'old-consultation', name: 'Old consultation', from: '2026-01-01', to: '2026-06-30' });
/** Starts after the week: not shown. */
const FUTURE = programme({ id: 'future-plan', name: 'Future plan', from: '2027-01-01' });
/** Ends on the week's Monday: overlaps, so shown (with nothing about it). */
const ENDING = programme({ id: 'winter-plan', name: 'Winter plan', from: '2026-10-01', to: '2026-11-23' });

let n = 0;
const at = (day: number, time: string) => `2026-11-${String(22 + day).padStart(2, '0')}T${time}:00.000Z`; // day 1 = Monday 23rd
function item(over: Partial<LoggedInteractionSummary>): LoggedInteractionSummary {
  return { id: `facebook:${++n}`, platform: 'facebook', channel: 'public_comment', receivedAt: at(2, '10:00'), ownAccount: false, category: 'general-question', priority: 'P3', ...over };
}
const tag = (keyMessages: string[] = [], claims: string[] = []) => [{ id: P, keyMessages, claims }];
const replied = { firstResponseAt: at(3, '09:00'), replyVisibility: 'public', needsReply: true } as const;

// Four questions about the programme: "parking" in 4, "visiting" in 3, "buses" in only 2 (never shown),
// "reconfiguration" in 3 (a keyword of the programme: says nothing new, left out).
const QUESTIONS = [
  item({ question: true, programmes: tag(), terms: ['parking', 'visiting', 'reconfiguration'], sentiment: 'neutral' }),
  item({ question: true, programmes: tag(), terms: ['parking', 'visiting', 'reconfiguration'], sentiment: 'neutral' }),
  item({ question: true, programmes: tag(), terms: ['parking', 'buses', 'reconfiguration'], sentiment: 'negative' }),
  item({ question: true, programmes: tag(), terms: ['buses', 'visiting', 'parking'], sentiment: 'negative' }),
];
// Misinformation: a-and-e-closing three times (two answered), maternity-moving once, one judged
// misinformation about the programme with no known claim (answered).
const MISINFORMATION = [
  item({ category: 'misinformation', priority: 'P2', programmes: tag([], ['a-and-e-closing']), ...replied, sentiment: 'negative', terms: ['closing', 'general'] }),
  item({ category: 'misinformation', priority: 'P2', programmes: tag([], ['a-and-e-closing']), firstResponseAt: at(3, '11:00'), replyVisibility: 'private', sentiment: 'negative', terms: ['closing'] }),
  item({ category: 'misinformation', priority: 'P2', programmes: tag([], ['a-and-e-closing']), needsReply: true, sentiment: 'negative', terms: ['closing'] }),
  item({ category: 'misinformation', priority: 'P2', programmes: tag([], ['maternity-moving']), needsReply: true, sentiment: 'negative' }),
  item({ category: 'misinformation', priority: 'P2', programmes: tag(), ...replied, sentiment: 'neutral' }),
];
// The public echoing a key message twice.
const ECHOES = [
  item({ category: 'compliment', programmes: tag(['care-closer-to-home']), sentiment: 'positive' }),
  item({ category: 'compliment', programmes: tag(['care-closer-to-home']), sentiment: 'positive' }),
];
// The trust's own posts about it: care-closer-to-home in 3 of 4, a-and-e-stays-open in 1 of 4.
const own = (keyMessages: string[]) =>
  item({ ownAccount: true, channel: 'public_post', category: 'own-post', priority: 'monitor', programmes: tag(keyMessages), terms: ['closing', 'parking', 'visiting'] });
const OWN = [own(['care-closer-to-home']), own(['care-closer-to-home', 'a-and-e-stays-open']), own([]), own(['care-closer-to-home'])];
// Not about the programme (its words never count for it).
const OTHER = [
  item({ category: 'complaint', priority: 'P2', terms: ['parking', 'buses'], sentiment: 'negative' }),
  item({ category: 'complaint', priority: 'P2', terms: ['parking', 'buses'], sentiment: 'negative' }),
];
const ITEMS = [...QUESTIONS, ...MISINFORMATION, ...ECHOES, ...OWN, ...OTHER];

const summary = (week: string, programmes?: WeekSummary['programmes']): WeekSummary => ({
  week,
  inbound: 10,
  byPlatform: { facebook: 10 },
  byCategory: {},
  deliveriesByPlatform: { facebook: 10 },
  accounts: {},
  complaintThemes: {},
  matrixVersions: {},
  computedAt: '2026-11-23T09:00:00.000Z',
  ...(programmes ? { programmes } : {}),
});
/** Newest first: W47 counted 5 about it, W46 none, W45 kept before programmes were counted, W44 none. */
const PREVIOUS: WeekSummary[] = [
  summary('2026-W47', { [P]: { inbound: 5, positive: 1, neutral: 2, negative: 2 } }),
  summary('2026-W46', {}),
  summary('2026-W45'),
  summary('2026-W44', {}),
];

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  week: WEEK,
  range: RANGE,
  timeZone: ZONE,
  now: NOW,
  items: ITEMS,
  health: [],
  previous: PREVIOUS,
  programmes: [HOSPITAL, OLD, FUTURE, ENDING],
  ...over,
});
const CONTEXT = { trustName: 'Example NHS Foundation Trust', timeZone: ZONE, range: RANGE, complete: true };

describe('change programme sections', () => {
  it('shows a section for each programme whose period overlaps the week, and no other', () => {
    const figures = buildFigures(input());
    expect(figures.programmes.map((p) => p.id)).toEqual([P, 'winter-plan']);
    expect(figures.programmes[1]).toMatchObject({ inbound: 0, ownPosts: 0, misinformation: { seen: 0, claims: [] } });
  });

  it('counts the inbound volume, the trend over the 4 weeks before and the sentiment split', () => {
    const [hospital] = buildFigures(input()).programmes;
    // 4 questions + 5 misinformation + 2 echoes = 11 inbound; the 4 own posts are not inbound.
    expect(hospital!.inbound).toBe(11);
    // neutral: Q1 Q2 M5; negative: Q3 Q4 M1-M4; positive: E1 E2.
    expect(hospital!.sentiment).toEqual({ positive: 2, neutral: 3, negative: 6, measured: 11 });
    expect(hospital!.trend).toEqual([
      { week: '2026-W44', counts: { inbound: 0, positive: 0, neutral: 0, negative: 0 } },
      { week: '2026-W45', counts: undefined },
      { week: '2026-W46', counts: { inbound: 0, positive: 0, neutral: 0, negative: 0 } },
      { week: '2026-W47', counts: { inbound: 5, positive: 1, neutral: 2, negative: 2 } },
      { week: '2026-W48', counts: { inbound: 11, positive: 2, neutral: 3, negative: 6 } },
    ]);
  });

  it('what people are asking: words from at least 3 different questions; a word 2 carried is not shown; keywords left out', () => {
    const [hospital] = buildFigures(input()).programmes;
    expect(hospital!.asking).toEqual({
      source: 'questions',
      questions: 4,
      terms: [
        { term: 'parking', interactions: 4 },
        { term: 'visiting', interactions: 3 },
      ],
    });
  });

  it('falls back to every inbound message about it when the questions share no word, still at 3 or more', () => {
    const fewQuestions = [...QUESTIONS.slice(0, 2).map((q) => ({ ...q, question: false })), ...QUESTIONS.slice(2), ...MISINFORMATION, ...ECHOES];
    const [hospital] = buildFigures(input({ items: fewQuestions })).programmes;
    // Questions left: Q3 Q4, so no word reaches 3 among them. All inbound: parking 4, visiting 3, closing 3 (M1-M3), buses 2.
    expect(hospital!.asking).toEqual({
      source: 'all-inbound',
      questions: 2,
      terms: [
        { term: 'parking', interactions: 4 },
        { term: 'closing', interactions: 3 },
        { term: 'visiting', interactions: 3 },
      ],
    });
  });

  it('counts misinformation seen by claim and how much of it was answered', () => {
    const [hospital] = buildFigures(input()).programmes;
    expect(hospital!.misinformation).toEqual({
      seen: 5,
      corrected: 3,
      claims: [
        // Named as the matrix names it; maternity-moving has no name, so its id, humanised.
        { id: 'a-and-e-closing', description: 'A&E at the General is closing', seen: 3, corrected: 2 },
        { id: 'maternity-moving', description: 'Maternity moving', seen: 1, corrected: 0 },
      ],
      otherSeen: 1,
      otherCorrected: 1,
    });
  });

  it('names a claim no longer in the config by its id, humanised, as it names a claim without a name', () => {
    const items = [item({ programmes: tag([], ['car-park-charges-doubling']) })];
    const [hospital] = buildFigures(input({ items })).programmes;
    expect(hospital!.misinformation.claims).toEqual([{ id: 'car-park-charges-doubling', description: 'Car park charges doubling', seen: 1, corrected: undefined }]);
  });

  it('key-message pull-through: own posts carrying each message, their share of own posts, and public echoes', () => {
    const [hospital] = buildFigures(input()).programmes;
    expect(hospital!.ownPosts).toBe(4);
    expect(hospital!.keyMessages).toEqual([
      { id: 'care-closer-to-home', text: 'More care closer to home', ownPosts: 3, ownShare: 0.75, publicEchoes: 2 },
      { id: 'a-and-e-stays-open', text: 'A&E at the General stays open', ownPosts: 1, ownShare: 0.25, publicEchoes: 0 },
    ]);
  });

  it('keeps the week’s programme counts in its summary, for the trend of later digests', async () => {
    const store = new MemoryDigestStore();
    for (const s of PREVIOUS) store.summaries.set(s.week, s);
    await sendWeeklyDigest(
      { trigger: 'schedule' },
      '2026-11-30T10:00:00.000Z',
      { trustName: 'T', timeZone: ZONE, from: 'digest@example.nhs.uk', recipients: ['board@example.nhs.uk'], programmes: [HOSPITAL] },
      { log: new MemoryWeekLog({ [WEEK]: ITEMS }), health: new MemoryHealthLog(), store, email: new RecordingEmail(), publisher: new RecordingPublisher(), rasteriser: new FakeRasteriser(), newId: sequentialIds() },
    );
    expect(store.summaries.get(WEEK)!.programmes).toEqual({ [P]: { inbound: 11, positive: 2, neutral: 3, negative: 6 } });
  });

  it('names the owner by its team name from the matrix, or by its id when the matrix does not list it', () => {
    const teams = [{ id: 'comms-lead', name: 'Comms lead' }];
    expect(buildFigures(input({ programmes: [HOSPITAL], teams })).programmes[0]).toMatchObject({ owner: 'comms-lead', ownerName: 'Comms lead' });
    expect(buildFigures(input({ programmes: [HOSPITAL], teams: [{ id: 'press-office', name: 'Press office' }] })).programmes[0]!.ownerName).toBe('comms-lead');
    expect(buildFigures(input({ programmes: [HOSPITAL] })).programmes[0]!.ownerName).toBe('comms-lead');
  });

  it('words the section in the HTML, the text and the CSV, with a volume chart', async () => {
    const figures = buildFigures(input({ programmes: [HOSPITAL], teams: [{ id: 'comms-lead', name: 'Comms lead' }] }));
    const rendered = await renderDigest(figures, CONTEXT, [{ id: `programme-${P}`, alt: 'volume', width: 560 }]);
    const text = rendered.text;
    expect(text).toContain('CHANGE PROGRAMME: HOSPITAL SERVICES RECONFIGURATION 2027');
    expect(text).toContain('Runs from 1 November 2026, no end date set; owner: Comms lead. Counts only.');
    expect(text).toContain('11 inbound messages about it this week (last week 5; average of the 3 weeks before 1.7).');
    expect(text).toContain('  2026-W45: inbound not known');
    expect(text).toContain('  2026-W48 (this week): inbound 11, positive 2 (18%), neutral 3 (27%), negative 6 (55%)');
    expect(text).toContain(
      'What people are asking: the most common words in the 4 questions about it, each used in at least 3 different messages: parking (4), visiting (3).',
    );
    expect(text).toContain('  A&E at the General is closing: seen 3, answered with a correction 2');
    expect(text).toContain('  Other misinformation about it: seen 1, answered with a correction 1');
    expect(text).toContain('  All misinformation about it: seen 5, answered with a correction 3');
    expect(text).toContain('Key messages: the trust made 4 posts and replies about it this week, and the public echoed 1 key message.');
    expect(text).toContain('  "More care closer to home": own posts carrying it 3, share of own posts 75%, public messages echoing it 2');
    expect(text).not.toMatch(/buses/);
    expect(rendered.html).toContain('Change programme: Hospital services reconfiguration 2027');
    expect(rendered.html).toContain(`src="cid:programme-${P}"`);
    expect(rendered.html).toContain('Maternity moving');
    expect(rendered.html).toContain('A&amp;E at the General is closing');
    expect(rendered.html).toContain('owner: Comms lead.');
    expect(rendered.csv).toContain(`${WEEK},programme:${P},inbound,all,11,5,1.7,count`);
    expect(rendered.csv).toContain(`${WEEK},programme:${P},question_term,term:parking,4,,,count`);
    expect(rendered.csv).toContain(`${WEEK},programme:${P},misinformation_seen,claim:a-and-e-closing,3,,,count`);
    expect(rendered.csv).toContain(`${WEEK},programme:${P},key_message_own_share,key_message:care-closer-to-home,0.75,,,ratio`);
    expect(rendered.csv).toContain(`${WEEK},programme:${P},key_message_public_echoes,key_message:care-closer-to-home,2,,,count`);
    expect(rendered.csv).not.toMatch(/buses/);
  });

  it('says in plain words why "What people are asking" falls back to every message', () => {
    const terms = [{ term: 'parking', interactions: 4 }];
    expect(askingText({ inbound: 9, asking: { source: 'all-inbound', questions: 2, terms } })).toBe(
      'What people are asking: the 2 questions about it this week had too few words in common to show, so these are the most common words in all 9 messages about it, each used in at least 3 different messages: parking (4).',
    );
    expect(askingText({ inbound: 9, asking: { source: 'all-inbound', questions: 0, terms } })).toBe(
      'What people are asking: nobody asked a question about it this week, so these are the most common words in all 9 messages about it, each used in at least 3 different messages: parking (4).',
    );
    expect(askingText({ inbound: 2, asking: { source: 'all-inbound', questions: 1, terms: [] } })).toBe(
      'What people are asking: the 1 question about it this week had too few words in common to show, and no word was used in at least 3 different messages about it, so none is shown.',
    );
  });

  it.each([
    [0, [], 'the trust posted nothing about it this week.'],
    [0, [0, 0], 'the trust posted nothing about it this week, and no public message echoed a key message.'],
    [0, [2, 0], 'the trust posted nothing about it this week, but the public echoed 1 key message.'],
    [1, [0], 'the trust made 1 post or reply about it this week, and no public message echoed a key message.'],
    [4, [3, 1], 'the trust made 4 posts and replies about it this week, and the public echoed 2 key messages.'],
  ])('titles key messages in one plain sentence: %i own posts, echoes per message %j', (ownPosts, echoes, sentence) => {
    const keyMessages = echoes.map((publicEchoes, n) => ({ id: `m${n}`, text: `Message ${n}`, ownPosts: 0, ownShare: undefined, publicEchoes }));
    const title = keyMessagesTitle({ ownPosts, keyMessages });
    expect(title).toBe(`Key messages: ${sentence} Only posts and replies seen on the trust’s accounts count, not replies recorded in the triage console.`);
    expect(title).not.toMatch(/ 0 |; the public/u);
  });

  it('makes a volume chart per programme through the chart pipeline', async () => {
    const { buildCharts } = await import('../../../functions/core/digest/charts');
    const charts = await buildCharts(buildFigures(input({ programmes: [HOSPITAL] })));
    const chart = charts.find((c) => c.id === `programme-${P}`)!;
    expect(chart.alt).toBe('Inbound messages about Hospital services reconfiguration 2027 per week: 2026-W44 0, 2026-W45 not known, 2026-W46 0, 2026-W47 5, 2026-W48 11.');
    expect(chart.svg).toContain('<svg');
  });
});

const INCIDENT: IncidentMode = {
  id: 'incident-2026-11-24T14:05:00.000Z',
  name: 'Power outage at the General',
  holdingLine: 'We are aware of a power outage.',
  startedAt: '2026-11-24T14:05:00.000Z',
  startedBy: 'user:duty-manager',
  endedAt: '2026-11-25T09:00:00.000Z',
};

describe('major-incident mode, spike alerts and the pre-election period', () => {
  it('says in the headline that an incident was in force, when, and how many messages were decided under it', async () => {
    const items = [
      ...[1, 2, 3].map(() => item({ incidentId: INCIDENT.id })),
      item({ ownAccount: true, incidentId: INCIDENT.id }),
      item({}),
    ];
    const figures = buildFigures(input({ items, incidents: [INCIDENT] }));
    expect(figures.incidents).toEqual([{ id: INCIDENT.id, name: INCIDENT.name, startedAt: INCIDENT.startedAt, endedAt: INCIDENT.endedAt, decided: 3 }]);
    const { text, csv } = await renderDigest(figures, CONTEXT, []);
    const headline = text.split('HEADLINE\n')[1]!.split('\n')[0];
    expect(headline).toBe(
      '* Major-incident mode was in force: "Power outage at the General", from Tuesday 24 November 2026, 14:05 to Wednesday 25 November 2026, 09:00. 3 inbound messages were decided under it (its holding line and tighter response targets).',
    );
    expect(csv).toContain(`${WEEK},major_incident,decided_under_incident,incident:${INCIDENT.id},3,,,count`);
  });

  it('says an incident still on is still on; with the store and no incident, assurance says none was in force', async () => {
    const still = buildFigures(input({ items: [], incidents: [{ ...INCIDENT, endedAt: undefined }] }));
    expect((await renderDigest(still, CONTEXT, [])).text).toContain('from Tuesday 24 November 2026, 14:05 and still on when this digest was made. 0 inbound messages were decided');
    const none = await renderDigest(buildFigures(input({ incidents: [] })), CONTEXT, []);
    expect(none.text).toContain('* Major-incident mode: not in force this week.');
    // No store: the digest says nothing about incident mode either way.
    const unknown = await renderDigest(buildFigures(input()), CONTEXT, []);
    expect(unknown.text).not.toContain('Major-incident mode');
    expect(buildFigures(input()).incidents).toBeUndefined();
  });

  it('lists the week’s spike alerts with only the words at least 3 messages in the window carried', async () => {
    const window = { windowStart: at(2, '10:00'), windowEnd: at(2, '11:00') };
    const items = [
      item({ receivedAt: at(2, '10:05'), terms: ['parking', 'buses', 'smith'] }),
      item({ receivedAt: at(2, '10:10'), terms: ['parking', 'buses'] }),
      item({ receivedAt: at(2, '10:20'), terms: ['parking'] }),
      // Outside the window: its "buses" does not make three.
      item({ receivedAt: at(2, '11:30'), terms: ['buses'] }),
    ];
    const spike: SpikeRecord = {
      spikeId: 'spike-1',
      series: { kind: 'programme', key: P, label: 'Hospital services reconfiguration 2027' },
      ...window,
      count: 46,
      expected: 3.25,
      topTerms: ['parking', 'buses', 'smith'],
      ownerTeam: 'comms-lead',
      suggestIncidentMode: true,
      detectedAt: at(2, '11:00'),
    };
    const figures = buildFigures(input({ items, spikeAlerts: [spike] }));
    expect(figures.spikeAlerts).toEqual([{ label: spike.series.label, kind: 'programme', ...window, count: 46, expected: 3.25, topTerms: ['parking'], suggestedIncidentMode: true }]);
    const { text } = await renderDigest(figures, CONTEXT, []);
    expect(text).toContain('* 1 spike alert was raised during the week (listed under Listening).');
    expect(text).toContain(
      'Spike alerts:\n  Hospital services reconfiguration 2027 (change programme): 46 messages from Tuesday 24 November 2026, 10:00 to 11:00, against 3.3 usually; common words: parking; major-incident mode was suggested.',
    );
    expect(text).not.toMatch(/smith|buses/);
    expect((await renderDigest(buildFigures(input({ spikeAlerts: [] })), CONTEXT, [])).text).toContain('Spike alerts: none raised this week.');
  });

  it('says when a pre-election period overlaps the week, and how many political items were flagged and held monitor-only', async () => {
    const flagged = { flags: ['pre-election-period'] };
    const items = [
      item({ ...flagged, category: 'political', priority: 'monitor' }),
      item({ ...flagged, category: 'political', priority: 'monitor' }),
      item({ ...flagged, category: 'complaint', secondaryCategories: ['political'], priority: 'P2' }),
      item({ ...flagged, category: 'complaint', priority: 'P2' }),
      item({ category: 'political', priority: 'P2' }),
      item({ ...flagged, ownAccount: true, category: 'political', priority: 'monitor' }),
      item({ ownAccount: true, category: 'own-post', priority: 'monitor', flags: ['pre-election-announcement'] }),
      item({ ownAccount: true, category: 'pii', priority: 'P1', flags: ['personal-data', 'pre-election-announcement'] }),
      // An inbound message never counts as the trust's announcement.
      item({ category: 'own-post', priority: 'monitor', flags: ['pre-election-announcement'] }),
    ];
    const periods = [
      { name: 'Council by-election', from: '2026-11-05', to: '2026-11-24' },
      { name: 'General election', from: '2027-05-01', to: '2027-06-30' },
    ];
    const figures = buildFigures(input({ items, preElectionPeriods: periods }));
    expect(figures.preElection).toEqual({ periods: [periods[0]], politicalFlagged: 3, heldMonitorOnly: 2, announcementsFlagged: 2, announcementsHeld: 1 });
    const { text, csv } = await renderDigest(figures, CONTEXT, []);
    expect(text).toContain(
      "* Pre-election period in force: Council by-election (5 November 2026 to 24 November 2026). 3 political items were flagged for the comms lead; 2 of them held as monitor-only (no reply, no sharing). 2 of the trust's own posts read as an announcement and were flagged for the comms lead; 1 held as monitor-only.",
    );
    expect(csv).toContain(`${WEEK},pre_election,political_held_monitor_only,all,2,,,count`);
    expect(buildFigures(input({ items, preElectionPeriods: [periods[1]!] })).preElection).toBeUndefined();
  });

  it('reads the incident and spike ports for the week when they are given, and works without them', async () => {
    const asked: string[][] = [];
    const deps = () => ({
      log: new MemoryWeekLog({ [WEEK]: ITEMS }),
      health: new MemoryHealthLog(),
      store: new MemoryDigestStore(),
      email: new RecordingEmail(),
      publisher: new RecordingPublisher(),
      rasteriser: new FakeRasteriser(),
      newId: sequentialIds(),
    });
    const settings = { trustName: 'T', timeZone: ZONE, from: 'digest@example.nhs.uk', recipients: ['board@example.nhs.uk'] };
    const withPorts = await sendWeeklyDigest({ week: WEEK, preview: true }, NOW, settings, {
      ...deps(),
      incidents: { overlapping: async (from, to) => (asked.push(['incidents', from, to]), [INCIDENT]) },
      spikes: { listBetween: async (from, to) => (asked.push(['spikes', from, to]), []) },
    });
    expect(asked).toEqual([
      ['incidents', RANGE.from, RANGE.to],
      ['spikes', RANGE.from, RANGE.to],
    ]);
    expect(withPorts.figures.incidents).toHaveLength(1);
    expect(withPorts.figures.spikeAlerts).toEqual([]);
    const without = await sendWeeklyDigest({ week: WEEK, preview: true }, NOW, settings, deps());
    expect(without.figures).toMatchObject({ incidents: undefined, spikeAlerts: undefined, programmes: [] });
  });
});
