import { assessmentSchema } from '../../../events';
import { assess, type AssessContext } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { defaultMatrix, interaction, matrixYaml, rule, TUESDAY_MORNING } from './fixtures';

const incident = { id: 'incident-2026-03-10T09:30:00.000Z', name: 'Power outage at the General', holdingLine: 'We know about the power cut at the General and are working on it. Updates here.' };

const decide = (text: string, context: AssessContext = { incident }, at = TUESDAY_MORNING, matrix = defaultMatrix) =>
  assess(interaction(text, { receivedAt: at, occurredAt: at }), matrix, at, context).assessment;

describe('major-incident mode', () => {
  it('offers the holding line, says so in the action, tightens the deadline, flags it and names the incident', () => {
    const normal = decide('Waited 9 hours in A&E, disgraceful', {});
    const during = decide('Waited 9 hours in A&E, disgraceful');
    expect(normal.slaDueAt).toBe('2026-03-11T17:00:00Z');
    expect(during).toMatchObject({
      category: 'complaint',
      priority: 'P2',
      replyTemplate: incident.holdingLine,
      slaDueAt: '2026-03-10T12:00:00Z',
      incident: { id: incident.id, name: incident.name },
    });
    expect(during.action).toBe(`Major-incident mode is on (Power outage at the General): offer the incident's holding line. ${normal.action}`);
    expect(during.flags).toContain('major-incident-mode');
    expect(during.rationale).toMatch(/Major-incident mode is on \("Power outage at the General"\): the incident deadline is sooner, so it applies/);
    expect(() => assessmentSchema.parse(during)).not.toThrow();
  });

  it('runs the incident deadline day and night (P2: 2 hours all day)', () => {
    const saturdayNight = '2026-03-14T02:00:00Z';
    expect(decide('Waited 9 hours in A&E, disgraceful', {}, saturdayNight).slaDueAt).toBe('2026-03-17T17:00:00Z');
    expect(decide('Waited 9 hours in A&E, disgraceful', { incident }, saturdayNight).slaDueAt).toBe('2026-03-14T04:00:00Z');
  });

  it('a P0 never gets later and keeps its own reply (safeguarding is not a holding-line category)', () => {
    const assessment = decide('I want to end it all');
    expect([assessment.priority, assessment.slaDueAt]).toEqual(['P0', '2026-03-10T10:15:00Z']);
    expect(assessment.replyTemplate).toMatch(/Samaritans/);
    expect(assessment.action).toMatch(/^Major-incident mode is on \(Power outage at the General\)\. Do not reply in public/);
    expect(assessment.flags).toContain('major-incident-mode');
  });

  it('keeps the normal deadline when it is the earlier one', () => {
    const matrix = parseMatrix(
      matrixYaml(rule('urgent', 'P1', '{ phrases: [help] }').replace('{ kind: workingHours, value: 1 }', '{ kind: minutes, value: 10, allDay: true }')),
    );
    expect(decide('help', { incident }, TUESDAY_MORNING, matrix).slaDueAt).toBe('2026-03-10T10:10:00Z');
  });

  it('monitor-only stays without a deadline', () => {
    const assessment = decide('NHS is a joke, bunch of clowns');
    expect([assessment.priority, assessment.slaDueAt, assessment.flags]).toEqual(['monitor', null, ['major-incident-mode']]);
  });

  it('the matrix’s default holding line stands in when the incident has none', () => {
    const assessment = decide('where is the car park?', { incident: { ...incident, holdingLine: ' ' } });
    expect(assessment.replyTemplate).toBe(defaultMatrix.incidentMode.holdingLine);
  });

  it('uses the categories and targets the matrix lists', () => {
    const matrix = parseMatrix(
      matrixYaml(rule('ask', 'P2', '{ phrases: [question] }') + rule('gripe', 'P2', '{ phrases: [moan] }')).replace(
        'rules:\n',
        'incidentMode:\n  holdingLineFor: [ask]\n  sla:\n    P2: { kind: minutes, value: 45, allDay: true }\nrules:\n',
      ),
    );
    const ask = decide('a question', { incident }, TUESDAY_MORNING, matrix);
    const gripe = decide('a moan', { incident }, TUESDAY_MORNING, matrix);
    expect([ask.replyTemplate, ask.slaDueAt]).toEqual([incident.holdingLine, '2026-03-10T10:45:00Z']);
    expect(gripe).not.toHaveProperty('replyTemplate');
    expect(gripe.slaDueAt).toBe('2026-03-10T10:45:00Z');
  });

  it('without an incident nothing of it shows', () => {
    const assessment = decide('Waited 9 hours in A&E, disgraceful', {});
    expect(assessment).not.toHaveProperty('incident');
    expect(assessment.flags).not.toContain('major-incident-mode');
    expect(assessment.action).not.toMatch(/Major-incident/);
  });

  it('the default matrix tightens P1 to 30 minutes, P2 to 2 hours, P3 to the end of the working day', () => {
    expect(defaultMatrix.incidentMode.sla).toEqual({
      P1: { kind: 'minutes', value: 30, allDay: true },
      P2: { kind: 'minutes', value: 120, allDay: true },
      P3: { kind: 'endOfWorkingDay', offsetDays: 0 },
    });
    expect(decide('lots of ambulances outside, what is going on').slaDueAt).toBe('2026-03-10T10:30:00Z');
    expect(decide('where is the car park?').slaDueAt).toBe('2026-03-10T12:00:00Z');
    expect(decide('lol').slaDueAt).toBe('2026-03-10T17:00:00Z');
  });
});
