import { compileClaims, detectClaims } from '../../../functions/core/detectors/claims';
import { detectCourseOfConduct } from '../../../functions/core/detectors/course-of-conduct';
import { detectPreElection } from '../../../functions/core/detectors/pre-election';
import { detectProfanity } from '../../../functions/core/detectors/profanity';
import { detectQuestion } from '../../../functions/core/detectors/question';
import { detectRiskToLife } from '../../../functions/core/detectors/risk-to-life';
import { detectStaffVoice } from '../../../functions/core/detectors/staff-voice';
import { detectThreat } from '../../../functions/core/detectors/threat';
import { phraseRegex } from '../../../functions/core/matrix/phrase';

const evidence = (findings: Array<{ evidence: string }>) => findings.map((f) => f.evidence);

describe('risk-to-life', () => {
  it.each([
    ["I'm going to kill myself tonight", 'first-person intent'],
    ['im gonna end it all', 'first-person intent'],
    ['I want to take my own life', 'first-person intent'],
    ["I'm planning to take all my tablets", 'first-person intent'],
    ['been cutting myself again', 'self-harm in the first person'],
    ['everyone would be better off without me', 'burden or absence'],
    ['no one would notice if I was gone', 'burden or absence'],
    ['nobody would miss me', 'burden or absence'],
    ["I can't see a way out anymore", 'burden or absence'],
    ["what's the point in living", 'burden or absence'],
    ["I don't want to wake up tomorrow", 'burden or absence'],
    ['I wish I was dead', 'burden or absence'],
    ["I won't be around much longer", 'burden or absence'],
    ["I can't cope anymore", 'burden or absence'],
    ['This is goodbye.', 'a goodbye note'],
    ['by the time you read this it will be over', 'a goodbye note'],
    ['please look after my kids for me', 'a goodbye note'],
    ['I took an overdose an hour ago', 'method detail'],
    ['swallowed a handful of paracetamol', 'method detail'],
    ["I've been stockpiling my meds", 'method detail'],
    ['my husband hits me every weekend', 'disclosure of abuse'],
    ["I'm not safe at home", 'disclosure of abuse'],
    ['scared to go home tonight', 'disclosure of abuse'],
    ['the kids next door have been left alone for days', 'a child at risk'],
    ["the baby hasn't been fed since yesterday", 'a child at risk'],
    ['my son says he wants to end his life', 'worry that someone else'],
    ['she keeps hurting herself', 'worry that someone else'],
    ["he's on the bridge and wants to jump", 'worry that someone else'],
    ['my nan has dementia and has gone missing from the ward', 'a vulnerable person missing'],
  ])('%j fires (%s)', (text, kind) => {
    expect(evidence(detectRiskToLife(text)).join(' | ')).toContain(kind);
  });

  it.each([
    'this wait is killing me',
    "I'm dying for a cuppa",
    'this cake is to die for',
    'I nearly died laughing at the panto on the kids ward',
    'thank you for caring for mum in her last days',
    'Dad passed away peacefully, thank you to the nurses',
    'I nearly killed myself tripping on the step',
    'I could kill myself laughing at this',
    "After 30 years it's goodbye everyone, I'm retiring on Friday",
    "I don't want to be here anymore in this waiting room",
    "I took my tablets this morning as usual",
    'end of life care was excellent',
    'my mum will kill me if I forget',
    "can't go on like this, waiting 2 years for a hip",
    'we jumped the queue thanks to the nurse',
  ])('%j does not fire', (text) => {
    expect(detectRiskToLife(text)).toEqual([]);
  });

  it('never puts the text in the evidence', () => {
    for (const finding of detectRiskToLife("I'm going to kill myself")) {
      expect(finding.evidence).not.toContain('kill myself');
      expect(finding.spanKind).toBe('risk-phrasing');
    }
  });
});

describe('threat-of-violence', () => {
  it.each([
    "I'll stab that receptionist",
    "I'm going to kill you",
    'gonna batter the lot of you',
    "I'll smash his face in",
    'someone should burn the place down',
    'there is a bomb threat? no, there\'s a bomb in outpatients',
    'watch your back',
    "you'll pay for this",
    'I know where that nurse lives',
    'wait till I catch him',
    "I'll be waiting outside for her",
    'they deserve to be shot',
    'hope your staff all rot',
  ])('%j is a threat', (text) => {
    expect(detectThreat(text).length).toBeGreaterThan(0);
  });

  it.each([
    'you smashed it today team',
    'the nurses were killing it',
    'my mum will kill me',
    "I'll get you the form tomorrow",
    "I'll hit the road after my appointment",
    'we beat the queue',
    'I could murder a coffee',
  ])('%j is not a threat', (text) => {
    expect(detectThreat(text)).toEqual([]);
  });
});

describe('staff-self-identification', () => {
  it.each([
    'I work on ward 9',
    "I've worked here 11 years",
    'as a nurse here',
    "I'm a midwife at this trust",
    'as a junior doctor working on the wards',
    'my colleagues are exhausted',
    "we're dangerously short staffed",
  ])('%j is staff speaking', (text) => {
    expect(detectStaffVoice(text).length).toBeGreaterThan(0);
  });

  it.each(['as a nurse myself I thought the care was great', 'the nurses work so hard', 'my mum worked in a hospital'])(
    '%j is not',
    (text) => {
      expect(detectStaffVoice(text)).toEqual([]);
    },
  );
});

describe('profanity', () => {
  it.each([
    ['what a load of shite', 1],
    ['f*cking joke', 1],
    ['fuck this, fucking hell', 2],
    ['wtf is going on', 1],
  ])('%j: %i word(s)', (text, count) => {
    expect(evidence(detectProfanity(text))).toEqual([`profanity (${count} ${count === 1 ? 'word' : 'words'})`]);
  });

  it.each(['Scunthorpe General', 'class act', 'passed his assessment', 'Dickens ward', 'shiitake soup'])('%j is clean', (text) => {
    expect(detectProfanity(text)).toEqual([]);
  });
});

describe('misinformation-claim', () => {
  const claims = compileClaims([{ id: 'mmr-autism', about: ['mmr', 'vaccine'], says: ['autism', 'causes autism'] }]);
  const debunking = ['no link', 'does not cause', 'myth'].map(phraseRegex);
  it.each([
    ['The MMR gave him autism', ['mmr-autism']],
    ['is it true the vaccine causes autism?', ['mmr-autism']],
    ['The MMR does not cause autism.', []],
    ['There is no link between the MMR and autism', []],
    ['My autistic son had his MMR today. Autism assessment next week.', []],
    ['My son has autism. He had his MMR jab today.', []],
  ])('%j -> %j', (text, ids) => {
    expect(evidence(detectClaims(text, claims, debunking))).toEqual(ids.map((id) => `claim on the misinformation list: ${id}`));
  });
});

describe('pre-election-period', () => {
  const periods = [{ name: 'General election', from: '2029-04-01', to: '2029-05-03' }];
  it.each([
    ['2029-03-31T22:59:59Z', false, 'the evening before, London time (BST)'],
    ['2029-03-31T23:00:00Z', true, 'midnight London time on the first day'],
    ['2029-05-03T22:59:00Z', true, 'late on the last day'],
    ['2029-05-03T23:00:00Z', false, 'the day after, London time'],
  ])('%s -> %s (%s)', (receivedAt, active) => {
    expect(detectPreElection(receivedAt, 'Europe/London', periods).length > 0).toBe(active);
  });
});

describe('course-of-conduct', () => {
  const rule = { posts: 2, withinDays: 28, counting: ['abuse-or-threat', 'troll-or-spam'] };
  const at = '2026-03-10T10:00:00Z';
  it.each([
    ['an earlier abusive post 3 days ago', ['troll-or-spam'], [{ receivedAt: '2026-03-07T10:00:00Z', categories: ['abuse-or-threat'] }], true],
    ['the earlier one is outside the window', ['troll-or-spam'], [{ receivedAt: '2026-01-01T10:00:00Z', categories: ['abuse-or-threat'] }], false],
    ['the earlier one was a compliment', ['troll-or-spam'], [{ receivedAt: '2026-03-07T10:00:00Z', categories: ['compliment'] }], false],
    ['this post is not abusive', ['compliment'], [{ receivedAt: '2026-03-07T10:00:00Z', categories: ['abuse-or-threat'] }], false],
    ['no history', ['abuse-or-threat'], [], false],
    ['a later post does not count', ['troll-or-spam'], [{ receivedAt: '2026-03-11T10:00:00Z', categories: ['troll-or-spam'] }], false],
  ])('%s -> %s', (_case, currentCategories, history, fires) => {
    expect(detectCourseOfConduct({ receivedAt: at, currentCategories, history, rule }).length > 0).toBe(fires);
  });
});

describe('question', () => {
  it.each([
    ['where is the car park?', true],
    ['how do I get there', true],
    ['does anyone know the number', true],
    ['What a team!', false],
    ['How the staff cared for mum was incredible', false],
    ['see https://example.nhs.uk/page?id=3', false],
  ])('%j -> %s', (text, isQuestion) => {
    expect(detectQuestion(text).length > 0).toBe(isQuestion);
  });
});
