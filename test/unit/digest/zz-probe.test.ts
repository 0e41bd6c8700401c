import { buildCharts } from '../../../functions/core/digest/charts';
import { buildFigures } from '../../../functions/core/digest/summarise';
import { programmeSchema } from '../../../functions/core/matrix/schema';
import { weekRange } from '../../../functions/core/time/iso-week';
import { writeFileSync } from 'node:fs';
it('probe', async () => {
  const P = programmeSchema.parse({ id: 'p', name: 'P', from: '2026-01-01', owner: 'comms-lead', keywords: ['x'] });
  const figures = buildFigures({ week: '2026-W48', range: weekRange('2026-W48', 'Europe/London'), timeZone: 'Europe/London', now: '2026-11-30T08:00:00.000Z', items: [], health: [], previous: [], programmes: [P] });
  const charts = await buildCharts(figures);
  for (const c of charts) { writeFileSync(`/tmp/eng-digest/${c.id}.svg`, c.svg); console.log(c.id, (c.svg.match(/>[^<>]*\d[^<>]*</g) ?? []).join(' ')); }
});
