import { withRiskAppetite } from '../../../functions/core/matrix/compile';
import { programmeSchema } from '../../../functions/core/matrix/schema';
import { readableMatrix, slaInWords } from '../../../functions/core/ops/readable-matrix';
import type { SlaTarget } from '../../../functions/core/sla/target';
import { defaultMatrix } from '../matrix/fixtures';

describe('the matrix as officers read it (GET /matrix)', () => {
  it.each<[SlaTarget, string]>([
    [{ kind: 'minutes', value: 15, allDay: true }, '15 minutes, day and night'],
    [{ kind: 'minutes', value: 60, allDay: true }, '1 hour, day and night'],
    [{ kind: 'minutes', value: 120, allDay: true }, '2 hours, day and night'],
    [{ kind: 'minutes', value: 30, allDay: false }, '30 minutes of monitored time'],
    [{ kind: 'workingHours', value: 1 }, '1 working hour'],
    [{ kind: 'workingHours', value: 4 }, '4 working hours'],
    [{ kind: 'workingHours', value: 0.5 }, '30 working minutes'],
    [{ kind: 'endOfWorkingDay', offsetDays: 0 }, 'end of the working day'],
    [{ kind: 'endOfWorkingDay', offsetDays: 1 }, 'end of the next working day'],
    [{ kind: 'endOfWorkingDay', offsetDays: 3 }, 'end of the working day, 3 working days later'],
    [{ kind: 'workingDays', value: 1 }, '1 working day'],
    [{ kind: 'workingDays', value: 2 }, '2 working days'],
    [{ kind: 'none' }, 'no clock (monitored only)'],
  ])('says %j as "%s"', (target, words) => {
    expect(slaInWords(target)).toBe(words);
  });

  const view = readableMatrix(defaultMatrix);

  it('lists every rule of the file, in the file order, with its owner named and its SLA in words', () => {
    expect(view.rules.map((rule) => rule.id)).toEqual(defaultMatrix.rules.map((rule) => rule.id));
    expect(view.rules.find((rule) => rule.id === 'safeguarding-risk-to-life')).toMatchObject({
      category: 'safeguarding',
      categoryLabel: 'Safeguarding / risk to life',
      priority: 'P0',
      owner: 'safeguarding',
      ownerName: 'Duty social officer and safeguarding lead (page on-call comms and clinical)',
      publicReply: 'private-only',
      sla: '15 minutes, day and night',
      appliesTo: ['others'],
      default: false,
      detectors: ['risk-to-life'],
      replyTemplate: expect.stringContaining('999'),
    });
    expect(view.rules.find((rule) => rule.id === 'abuse-or-threat')?.escalations).toEqual([
      expect.objectContaining({ to: 'P0', reason: 'a threat of violence; police and on-call now', sla: '15 minutes, day and night' }),
    ]);
    for (const rule of view.rules) {
      expect(rule.ownerName).toBe(defaultMatrix.teams.find((team) => team.id === rule.owner)?.name);
      expect(rule.sla).toBe(slaInWords(rule.slaTarget));
      expect(rule.action.length).toBeGreaterThan(0);
    }
  });

  it('never shows signal phrases or regular expressions', () => {
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/"(signals|patterns|phrases|unless|ifNegative|ifPositive|authors|combinations|appetite)"/);
    expect(json).not.toContain('end it all'); // a safeguarding phrase
    expect(json).not.toContain('misinformation":{'); // the claims list
    expect(view).not.toHaveProperty('spikes');
  });

  it('describes the clock, the teams and the pre-election periods', () => {
    expect(view).toMatchObject({
      version: defaultMatrix.version,
      name: 'NHS default response matrix',
      riskAppetite: 'balanced',
      clock: {
        timeZone: 'Europe/London',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '17:00',
        bankHolidays: 'england-and-wales',
        description: 'Monday to Friday, 09:00 to 17:00 (Europe/London), not on bank holidays in England and Wales',
      },
      escalation: { priorities: ['P0', 'P1'], page: ['P0'] },
    });
    expect(view.teams).toContainEqual({ id: 'pals', name: 'Duty social officer, then PALS', notify: 'urgent' });
    expect(view.preElectionPeriods).toEqual(defaultMatrix.preElectionPeriods.map(({ name, from, to }) => ({ name, from, to })));
  });

  it('shows the rules as the risk appetite in force makes them', () => {
    const cautious = readableMatrix(withRiskAppetite(defaultMatrix, 'cautious'));
    expect(cautious.riskAppetite).toBe('cautious');
    expect(view.rules.find((rule) => rule.id === 'media-enquiry')?.publicReply).toBe('holding-line');
    expect(cautious.rules.find((rule) => rule.id === 'media-enquiry')?.publicReply).toBe('no');
  });

  it('shows programmes with their owner, keywords, hashtags, key messages and claims, without the phrases that detect them', () => {
    const programme = programmeSchema.parse({
      id: 'future-hospitals',
      name: 'Our future hospitals',
      from: '2026-09-01',
      owner: 'comms-lead',
      keywords: ['reconfiguration'],
      hashtags: ['#OurFutureHospitals'],
      keyMessages: [{ id: 'care-closer-to-home', text: 'More care closer to home', phrases: ['care near where you live'] }],
      claims: [
        { id: 'a-and-e-closing', name: 'A&E is closing', about: ['a&e'], says: ['shutting down'], correction: 'It stays open.', source: 'https://www.example.nhs.uk/changes' },
        { id: 'beds-cut', says: ['fewer beds'], correction: 'Bed numbers stay the same.', source: 'https://www.example.nhs.uk/beds' },
      ],
    });
    const withProgramme = { ...defaultMatrix, programmes: [programme] };
    const shown = readableMatrix(withProgramme).programmes;
    expect(shown).toEqual([
      {
        id: 'future-hospitals',
        name: 'Our future hospitals',
        from: '2026-09-01',
        owner: 'comms-lead',
        ownerName: 'Comms lead',
        routes: ['misinformation'],
        keywords: ['reconfiguration'],
        hashtags: ['#OurFutureHospitals'],
        keyMessages: [{ id: 'care-closer-to-home', text: 'More care closer to home' }],
        claims: [
          { id: 'a-and-e-closing', name: 'A&E is closing', correction: 'It stays open.', source: 'https://www.example.nhs.uk/changes' },
          { id: 'beds-cut', correction: 'Bed numbers stay the same.', source: 'https://www.example.nhs.uk/beds' },
        ],
      },
    ]);
    const json = JSON.stringify(shown);
    for (const detector of ['care near where you live', 'shutting down', 'fewer beds', '"about"', '"says"', '"phrases"']) expect(json).not.toContain(detector);
  });

  it('shows incident mode and the pre-election lead in words, and nothing of a setting added to the matrix later', () => {
    const view = readableMatrix(defaultMatrix);
    expect(view.incidentMode.holdingLine).toBe(defaultMatrix.incidentMode.holdingLine);
    expect(view.incidentMode.holdingLineFor).toContain('major-incident');
    expect(view.incidentMode.sla.P1).toBe('30 minutes, day and night');
    expect(view.preElection).toEqual({ commsLead: 'comms-lead', commsLeadName: 'Comms lead' });
    const later = { ...defaultMatrix, laterSetting: { holdingLine: 'We are aware of an incident', watch: { phrases: ['power cut'] } } } as typeof defaultMatrix;
    expect(JSON.stringify(readableMatrix(later))).not.toMatch(/laterSetting|power cut/u);
  });
});
