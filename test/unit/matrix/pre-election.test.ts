import { assessmentSchema } from '../../../events';
import { assess } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { defaultMatrix, interaction, matrixYaml, rule } from './fixtures';

/** Tuesday 14 April 2026: inside the default matrix's 2026 pre-election periods. */
const DURING = '2026-04-14T10:00:00Z';
/** Tuesday 10 March 2026: before them. */
const BEFORE = '2026-03-10T10:00:00Z';

const decide = (text: string, at: string, options: { own?: boolean; matrix?: typeof defaultMatrix } = {}) =>
  assess(interaction(text, { receivedAt: at, occurredAt: at, flags: { ownAccount: options.own ?? false } }), options.matrix ?? defaultMatrix, at)
    .assessment;

describe('political content during a pre-election period', () => {
  const text = 'Vote Reform to fix the NHS';

  it('is monitor-only: no public reply, no clock, flagged, and the comms lead is told', () => {
    const assessment = decide(text, DURING);
    expect(assessment).toMatchObject({
      category: 'political',
      priority: 'monitor',
      publicReply: 'no',
      slaDueAt: null,
      ownerTeam: 'comms-lead',
      owner: 'Comms lead',
      flags: ['pre-election-period'],
      escalation: {
        notify: true,
        page: false,
        reasons: ['pre-election period (Senedd Cymru and Scottish Parliament elections 2026): political content is monitor-only and the comms lead is told'],
      },
    });
    expect(assessment.action).toMatch(/^Pre-election period: monitor only/);
    expect(assessment.rationale).toMatch(/During the pre-election period "Senedd Cymru and Scottish Parliament elections 2026" political content is monitor-only; the comms lead is told/);
    expect(assessment.rationale).toMatch(/no public reply; no deadline \(monitor only\)/);
    expect(assessment).not.toHaveProperty('basePriority');
    expect(() => assessmentSchema.parse(assessment)).not.toThrow();
  });

  it('outside the period it is unchanged: P2, no pre-election flag, not escalated', () => {
    const assessment = decide(text, BEFORE);
    expect(assessment).toMatchObject({ category: 'political', priority: 'P2', ownerTeam: 'comms-lead', slaDueAt: '2026-03-10T17:00:00Z' });
    expect(assessment.flags).not.toContain('pre-election-period');
    expect(assessment.escalation).toEqual({ notify: false, page: false, reasons: [] });
  });

  it('keeps its usual precedence: a political complaint or question is monitor-only too', () => {
    for (const mixed of ['The Tories did this. Waited 9 hours, disgraceful', 'Will the candidates be allowed to visit the new wing?']) {
      const assessment = decide(mixed, DURING);
      expect([assessment.category, assessment.priority, assessment.slaDueAt]).toEqual(['political', 'monitor', null]);
    }
  });

  it('never hides a more urgent decision: risk to life stays P0, with the flag', () => {
    const assessment = decide('The government has ruined my life and I want to end it all', DURING);
    expect([assessment.category, assessment.priority]).toEqual(['safeguarding', 'P0']);
    expect(assessment.secondaryCategories).toContain('political');
    expect(assessment.flags).toContain('pre-election-period');
  });

  it('a cautious appetite (political P1) is monitor-only during the period as well', () => {
    const cautious = { ...defaultMatrix, riskAppetite: 'cautious' as const };
    expect(decide(text, DURING, { matrix: cautious }).priority).toBe('monitor');
    expect(decide(text, BEFORE, { matrix: cautious }).priority).toBe('P1');
  });

  it('other content during the period is not flagged', () => {
    expect(decide('Waited 9 hours, disgraceful', DURING).flags).not.toContain('pre-election-period');
  });
});

describe('the trust’s own announcements during a pre-election period', () => {
  const announcement = 'We are delighted to announce a new service for families at the General!';

  it('are monitor-only, flagged pre-election-announcement, and the comms lead is told', () => {
    const assessment = decide(announcement, DURING, { own: true });
    expect(assessment).toMatchObject({
      category: 'own-post',
      priority: 'monitor',
      slaDueAt: null,
      ownerTeam: 'comms-lead',
      flags: ['pre-election-announcement'],
      escalation: { notify: true, page: false, reasons: ['pre-election period (Senedd Cymru and Scottish Parliament elections 2026): an announcement from the trust; the comms lead is told'] },
    });
    expect(assessment.signals.map((s) => s.evidence)).toEqual(["announcement phrase: 'delighted to announce'", "announcement phrase: 'new service'"]);
    expect(assessment.action).toMatch(/reads as an announcement/);
    expect(assessment.rationale).toMatch(/reads as an announcement during the pre-election period/);
  });

  it.each([
    ['the same post before the period', announcement, BEFORE, true],
    ['opening hours are not an opening', 'Our pharmacy opening hours over Easter are on our website', DURING, true],
    ['a member of the public using the words', announcement, DURING, false],
  ])('not flagged: %s', (_case, text, at, own) => {
    const assessment = decide(text, at, { own });
    expect(assessment.flags).not.toContain('pre-election-announcement');
    expect(assessment.signals.some((s) => s.detector === 'pre-election-announcement')).toBe(false);
  });

  it('an NHS number in an announcement is still an IG matter (P1), flagged as an announcement too', () => {
    const assessment = decide('Launching our new clinic today with patient 943 476 5919', DURING, { own: true });
    expect([assessment.category, assessment.priority, assessment.ownerTeam]).toEqual(['pii', 'P1', 'information-governance']);
    expect(assessment.flags).toEqual(expect.arrayContaining(['personal-data', 'pre-election-announcement']));
  });

  it('tells the team named in preElection.commsLead', () => {
    const matrix = parseMatrix(
      matrixYaml(
        rule('politics', 'P2', '{ phrases: [election] }', { extra: '    duringPreElection: { priority: monitor, sla: { kind: none }, notify: true }\n' }),
      )
        .replace('teams:\n', 'teams:\n  - { id: head-of-comms, name: Head of communications }\n')
        .replace(
          'rules:\n',
          'preElectionPeriods:\n  - { name: GE, from: "2029-04-01", to: "2029-05-03" }\npreElection:\n  commsLead: head-of-comms\n  announcements: { phrases: [launching] }\nrules:\n',
        ),
    );
    const at = '2029-04-10T10:00:00Z';
    expect(decide('the election is a farce', at, { matrix })).toMatchObject({ priority: 'monitor', ownerTeam: 'head-of-comms', owner: 'Head of communications' });
    expect(decide('launching today', at, { matrix, own: true })).toMatchObject({ ownerTeam: 'head-of-comms', flags: ['pre-election-announcement'] });
    expect(decide('the election is a farce', '2029-06-10T10:00:00Z', { matrix })).toMatchObject({ priority: 'P2', ownerTeam: 'comms' });
  });
});
