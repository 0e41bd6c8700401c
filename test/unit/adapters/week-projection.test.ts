import { toInteractionSummary } from '../../../functions/adapters/week-projection';

describe('toInteractionSummary: slaDueAt', () => {
  const item = (fields: Record<string, unknown>) => ({
    interactionId: 'facebook:1_2',
    platform: 'facebook',
    channel: 'public_post',
    receivedAt: '2026-11-24T09:00:00.000Z',
    assessment: { slaDueAt: '2026-11-24T13:00:00.000Z', ruleId: 'complaint' },
    ...fields,
  });

  it('reads the top-level due time the state engine keeps', () => {
    expect(toInteractionSummary(item({ status: 'assigned', slaDueAt: '2026-11-25T09:00:00.000Z' })).slaDueAt).toBe('2026-11-25T09:00:00.000Z');
  });

  it('leaves it absent once a person made the item monitor-only (the engine removed it): the assessment\'s old due time does not come back', () => {
    expect(toInteractionSummary(item({ status: 'assessed', priority: 'monitor' })).slaDueAt).toBeUndefined();
  });

  it("falls back to the assessment's due time only for items logged before the state engine (no top-level status)", () => {
    expect(toInteractionSummary(item({})).slaDueAt).toBe('2026-11-24T13:00:00.000Z');
  });
});
