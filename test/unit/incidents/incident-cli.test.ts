import { describeIncident, parseIncidentArguments } from '../../../local/incident';

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

  it('prints an incident with who, when, why and the holding line', () => {
    expect(
      describeIncident({
        id: 'incident-1',
        name: 'Outage',
        holdingLine: 'We know.',
        startedAt: '2026-11-24T09:00:00.000Z',
        startedBy: 'user:lead',
        reason: 'declared',
        endedAt: '2026-11-24T12:00:00.000Z',
        endedBy: 'user:lead',
      }),
    ).toBe(
      ['Outage (incident-1)', '  on since 2026-11-24T09:00:00.000Z by user:lead: declared', '  off since 2026-11-24T12:00:00.000Z by user:lead', '  holding line: "We know."'].join('\n'),
    );
  });
});
