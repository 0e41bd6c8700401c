import { describeDecision, type LoggedItem } from '../../../local/demo';

const decision: LoggedItem['assessment'] = {
  category: 'unclassified',
  priority: 'P2',
  owner: 'pals',
  ownerTeam: 'pals',
  slaDueAt: '2026-11-30T17:00:00Z',
  piiKinds: [],
};
const asDecided: LoggedItem = {
  status: 'assessed',
  category: 'unclassified',
  priority: 'P2',
  ownerTeam: 'pals',
  slaDueAt: '2026-11-30T17:00:00Z',
  assessment: decision,
};

describe('describeDecision (npm run demo)', () => {
  it('speaks the category label the console and digest use, with the current state', () => {
    expect(describeDecision(asDecided, 'Europe/London')).toBe('Other; P2; status assessed; owner: pals; reply due Mon 30 Nov 17:00 GMT');
  });

  it('prints the current priority, owner and due time after an override, each marked where it differs from the matrix', () => {
    const overridden: LoggedItem = {
      ...asDecided,
      status: 'assigned',
      category: 'clinical-question',
      priority: 'P1',
      ownerTeam: 'comms',
      slaDueAt: '2026-11-27T10:00:00Z',
      overridden: true,
    };
    const text = describeDecision(overridden, 'Europe/London');
    expect(text).toBe(
      'Clinical question (overridden); P1 (overridden); status assigned; owner: comms (overridden); reply due Fri 27 Nov 10:00 GMT (overridden)',
    );
    expect(text).not.toContain('30 Nov');
  });

  it('says when the current state has no deadline although the matrix set one', () => {
    const monitored: LoggedItem = { ...asDecided, priority: 'monitor', slaDueAt: undefined, overridden: true };
    expect(describeDecision(monitored, 'Europe/London')).toBe('Other; monitor (overridden); status assessed; owner: pals; no reply deadline (overridden)');
  });
});
