/** The digest's "matrix changed" line dates each version by its decision, not by the message's receipt. */
import { buildFigures } from '../../../functions/core/digest/summarise';
import type { LoggedInteractionSummary } from '../../../functions/core/ports';
import { weekRange } from '../../../functions/core/time/iso-week';

const WEEK = '2026-W48';
const ZONE = 'Europe/London';
const item = (n: number, receivedAt: string, matrixVersion: string, decidedAt?: string): LoggedInteractionSummary => ({
  id: `facebook:${n}`,
  platform: 'facebook',
  channel: 'public_comment',
  receivedAt,
  ownAccount: false,
  category: 'complaint',
  priority: 'P2',
  matrixVersion,
  ...(decidedAt ? { decidedAt } : {}),
});
const changesOf = (items: LoggedInteractionSummary[]) =>
  buildFigures({ week: WEEK, range: weekRange(WEEK, ZONE), timeZone: ZONE, now: '2026-11-30T08:00:00.000Z', items, health: [], previous: [] }).matrix.changes;

describe('matrix changes in the digest', () => {
  it('a message received on Monday under v1 and decided again on Thursday under v2 (an edit) does not make v2 look first', () => {
    const items = [
      item(1, '2026-11-23T09:00:00.000Z', 'v2', '2026-11-26T15:00:00.000Z'),
      item(2, '2026-11-24T09:00:00.000Z', 'v1', '2026-11-24T09:00:01.000Z'),
      item(3, '2026-11-26T16:00:00.000Z', 'v2', '2026-11-26T16:00:01.000Z'),
    ];
    expect(changesOf(items)).toEqual([{ from: 'v1', to: 'v2', when: 'this week' }]);
  });

  it('falls back to the receipt for decisions logged before their time was projected', () => {
    expect(changesOf([item(1, '2026-11-23T09:00:00.000Z', 'v1'), item(2, '2026-11-25T09:00:00.000Z', 'v2')])).toEqual([{ from: 'v1', to: 'v2', when: 'this week' }]);
  });
});
