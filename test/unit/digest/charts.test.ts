/**
 * The charts' count axes: whole numbers, whatever the week held. An empty week once labelled its only
 * tick "0.000000" (a zero-width domain), as seen in the console's digest preview.
 */
import { buildCharts, type Chart } from '../../../functions/core/digest/charts';
import { buildFigures } from '../../../functions/core/digest/summarise';
import { programmeSchema } from '../../../functions/core/matrix/schema';
import type { LoggedInteractionSummary } from '../../../functions/core/ports';
import { weekRange } from '../../../functions/core/time/iso-week';

const WEEK = '2026-W48';
const ZONE = 'Europe/London';
const PROGRAMME = programmeSchema.parse({ id: 'future-hospitals', name: 'Our future hospitals', from: '2026-09-01', owner: 'comms-lead', keywords: ['reconfiguration'] });

const chartsOf = (items: LoggedInteractionSummary[]) =>
  buildCharts(
    buildFigures({ week: WEEK, range: weekRange(WEEK, ZONE), timeZone: ZONE, now: '2026-11-30T08:00:00.000Z', items, health: [], previous: [], programmes: [PROGRAMME] }),
  );

/** The text of every <text> element: axis labels, titles, bar labels. */
const labels = (chart: Chart) => [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('the digest charts over small counts', () => {
  it('an empty week: the volume and programme charts show whole-number axes, never "0.000000"', async () => {
    const charts = await chartsOf([]);
    expect(charts.map((c) => c.id)).toEqual(['trend', 'programme-future-hospitals']);
    for (const chart of charts) {
      expect(chart.svg).not.toContain('0.000000');
      const numbers = labels(chart).filter((text) => /^[\d.]+$/.test(text));
      expect(numbers.length).toBeGreaterThan(0);
      for (const number of numbers) expect(number).toMatch(/^\d+$/);
      // A zero bar has a visible scale to sit on: 0 and 1.
      expect(numbers).toEqual(expect.arrayContaining(['0', '1']));
    }
  });

  it('a week of one or two messages: ticks at whole numbers, no 0.5 steps', async () => {
    const item = (n: number, category: string): LoggedInteractionSummary => ({
      id: `facebook:${n}`,
      platform: 'facebook',
      channel: 'public_comment',
      receivedAt: '2026-11-24T10:00:00.000Z',
      ownAccount: false,
      category,
      priority: 'P3',
      programmes: [{ id: PROGRAMME.id, keyMessages: [], claims: [] }],
    });
    const charts = await chartsOf([item(1, 'complaint'), item(2, 'complaint'), item(3, 'compliment')]);
    expect(charts.map((c) => c.id)).toEqual(['trend', 'categories', 'programme-future-hospitals']);
    for (const chart of charts) {
      const numbers = labels(chart).filter((text) => /^[\d.]+$/.test(text));
      expect(numbers.length).toBeGreaterThan(0);
      for (const number of numbers) expect(number).toMatch(/^\d+$/);
    }
  });
});
