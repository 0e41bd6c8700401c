import { interactionSchema } from '../../../events';
import { opinionsOf, opinionToInteraction } from '../../../functions/core/careopinion/opinion';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';

/**
 * Care Opinion publishes no sample API response: these opinions are built from the documented field
 * names (careopinion.org.uk/info/api-v2, -content) and analysts' published code, not captured.
 */
const documented = {
  id: 1234567,
  title: 'Kind staff in A&E',
  body: 'We waited **four hours** but the nurses kept us informed.\n\n> Thank you',
  dateOfSubmission: '2026-11-20T09:00:00',
  dateOfPublication: '2026-11-21T14:30:00',
  criticality: 'not critical',
  authorRole: 'patient',
  links: [{ rel: 'web', href: 'https://www.careopinion.org.uk/1234567' }],
};

describe('opinionToInteraction', () => {
  it('maps a documented opinion to a public review: anonymous author role, Markdown stripped, UTC times', () => {
    const item = opinionToInteraction(documented, { accountId: 'subscription', receivedAt: RECEIVED_AT });
    expect(item.kind).toBe('interaction');
    if (item.kind !== 'interaction') return;
    expect(interactionSchema.parse(item.interaction)).toEqual({
      id: 'careopinion:1234567',
      platform: 'careopinion',
      channel: 'review',
      nativeId: '1234567',
      accountId: 'subscription',
      author: { displayName: 'patient' },
      text: 'Kind staff in A&E\n\nWe waited four hours but the nurses kept us informed.\n\nThank you',
      permalink: 'https://www.careopinion.org.uk/1234567',
      occurredAt: '2026-11-21T14:30:00.000Z',
      receivedAt: RECEIVED_AT,
      threadId: '1234567',
      mediaKinds: [],
      flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
    });
  });

  it('reads PascalCase field names too, falls back to the submission date and builds the documented link', () => {
    const item = opinionToInteraction({ Id: '77', Title: 'Parking', Body: 'Hard to find a space', DateOfSubmission: '2026-11-20T09:00:00Z' }, { accountId: 's', receivedAt: RECEIVED_AT });
    expect(item).toMatchObject({
      interaction: { nativeId: '77', text: 'Parking\n\nHard to find a space', occurredAt: '2026-11-20T09:00:00.000Z', permalink: 'https://www.careopinion.org.uk/opinions/77' },
    });
  });

  it('ignores an opinion without an id, with a reason', () => {
    expect(opinionToInteraction({ title: 'x' }, { accountId: 's', receivedAt: RECEIVED_AT })).toEqual({ kind: 'ignored', reason: 'care opinion item without its id' });
  });

  it('finds the list in a bare array or a wrapper', () => {
    expect(opinionsOf([1])).toEqual([1]);
    expect(opinionsOf({ Opinions: [2] })).toEqual([2]);
    expect(opinionsOf({ nothing: [] })).toBeUndefined();
  });
});
