import { describeIncident, describeStatus, localTime, parseIncidentArguments, switchedMessage } from '../../../local/incident';
import type { IncidentMode } from '../../../functions/core/incidents/incident-mode';

describe('npm run incident: arguments', () => {
  it.each([
    [['on', '--name', 'Power outage'], { command: 'on', token: 'local-dev-token', body: { name: 'Power outage' } }],
    [
      ['on', '--name=Power outage', '--holding-line', 'We know and are on it.', '--reason', 'EPRR declared', '--spike', 'overall:all:2026-11-24T09:00:00.000Z'],
      { command: 'on', token: 'local-dev-token', body: { name: 'Power outage', holdingLine: 'We know and are on it.', reason: 'EPRR declared', spikeId: 'overall:all:2026-11-24T09:00:00.000Z' } },
    ],
    [['off'], { command: 'off', token: 'local-dev-token', body: {} }],
    [['off', '--reason', 'restored', '--token', 'local-officer-token'], { command: 'off', token: 'local-officer-token', body: { reason: 'restored' } }],
    [['status'], { command: 'status', token: 'local-dev-token' }],
  ])('%j', (argv, expected) => {
    expect(parseIncidentArguments(argv)).toEqual(expected);
  });

  it.each([
    [[], 'no command'],
    [['start'], 'unknown command "start"'],
    [['on'], 'on needs --name'],
    [['on', '--name'], '--name needs a value'],
    [['on', '--name', '--reason', 'x'], '--name needs a value'],
    [['on', '--name', 'x', '--colour', 'red'], '"--colour" is not an option of "on"'],
    [['status', '--reason', 'x'], '"--reason" is not an option of "status"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseIncidentArguments(argv)).toThrow(message);
  });

  const ended: IncidentMode = {
    id: 'incident-1',
    name: 'Outage',
    holdingLine: 'We know.',
    startedAt: '2026-11-24T09:00:00.000Z',
    startedBy: 'user:lead',
    reason: 'declared',
    endedAt: '2026-11-24T12:00:00.000Z',
    endedBy: 'user:lead',
  };
  const onNow: IncidentMode = {
    id: 'incident-2',
    name: 'Flooding at the General',
    holdingLine: 'We are aware.',
    startedAt: '2026-11-26T14:05:00.000Z',
    startedBy: 'user:lead',
  };

  it('prints an incident with who, when (in the trust’s time, in words), why and the holding line', () => {
    expect(describeIncident(ended, 'Europe/London')).toBe(
      ['Outage (incident-1)', '  on since Tue 24 Nov 09:00 by user:lead: declared', '  off since Tue 24 Nov 12:00 by user:lead', '  holding line: "We know."'].join('\n'),
    );
  });

  it.each([
    ['2026-11-26T14:05:00.000Z', 'Thu 26 Nov 14:05'],
    // British Summer Time: an hour ahead of UTC.
    ['2026-07-02T08:30:00.000Z', 'Thu 2 Jul 09:30'],
  ])('shows %s as %s in Europe/London', (iso, words) => {
    expect(localTime(iso, 'Europe/London')).toBe(words);
  });

  it('on and off both say decisions change within 30 seconds', () => {
    expect(switchedMessage('on', onNow, 'Europe/London')).toMatch(/^Major-incident mode is ON: [\s\S]*within 30 seconds\.\n$/u);
    expect(switchedMessage('off', ended, 'Europe/London')).toMatch(/^Major-incident mode is OFF: [\s\S]*\nNew decisions go back to the matrix's usual replies and SLA targets within 30 seconds\.\n$/u);
  });

  it('status with one on and none ended says no ENDED incidents, not no incidents', () => {
    const text = describeStatus(onNow, [], 'Europe/London');
    expect(text).toContain('Major-incident mode is ON: Flooding at the General (incident-2)');
    expect(text).toContain('on since Thu 26 Nov 14:05');
    expect(text).toContain('No ended incidents in the last 90 days.');
    expect(text).not.toContain('No incidents');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('status lists the ended incidents under their own heading', () => {
    const text = describeStatus(null, [ended], 'Europe/London');
    expect(text).toContain('Major-incident mode is off.');
    expect(text).toContain('Ended incidents (last 90 days):\n- Outage (incident-1)\n    on since Tue 24 Nov 09:00');
  });
});
