import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIORITY_LABELS, PRIORITY_ORDER, priorityLabel } from '../../../functions/core/digest/labels';
import { withRiskAppetite } from '../../../functions/core/matrix/compile';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { RISK_APPETITES, type ResponseMatrix } from '../../../functions/core/matrix/schema';

const path = join(__dirname, '../../../config/response-matrix.yaml');
const base = parseMatrix(readFileSync(path, 'utf8'), path);

/** What a label must say for a rule's SLA target to be true of it. */
function mustSay(sla: ResponseMatrix['rules'][number]['sla']): RegExp {
  switch (sla.kind) {
    case 'none':
      return /monitor only/i;
    case 'minutes':
      return sla.value === 15 && sla.allDay ? /24\/7/ : sla.value === 60 && sla.allDay ? /1 hour.*day and night/ : /(?!)/;
    case 'workingHours':
      return new RegExp(`${sla.value} hours?.*working hours|${sla.value} working hours?`);
    case 'endOfWorkingDay':
      return sla.offsetDays === 0 ? /same\b.*working day/ : sla.offsetDays === 1 ? /next working day/ : /(?!)/;
    case 'workingDays':
      return new RegExp(`${sla.value} working days`);
    default:
      return /(?!)/;
  }
}

// Every rule of the default matrix under every risk appetite: the label of its priority must be true of its SLA.
const cases = RISK_APPETITES.flatMap((appetite) =>
  withRiskAppetite(base, appetite).rules.map((rule) => [rule.priority, appetite, rule.id, rule.sla] as const),
);

describe('priority labels (the digest’s SLA table)', () => {
  it.each(cases)('%s is true of %s rule %s', (priority, _appetite, _id, sla) => {
    expect(priorityLabel(priority)).toMatch(mustSay(sla));
  });

  it('P2 no longer claims "same working day" for the rules due at the end of the NEXT working day', () => {
    const nextDay = base.rules.filter((rule) => rule.priority === 'P2' && rule.sla.kind === 'endOfWorkingDay' && rule.sla.offsetDays === 1);
    expect(nextDay.map((rule) => rule.category).sort()).toEqual(['admin-query', 'complaint']);
    expect(PRIORITY_LABELS.P2).toBe('P2: same or next working day, by rule');
  });

  it('labels every priority', () => {
    for (const priority of PRIORITY_ORDER) expect(PRIORITY_LABELS[priority]).toMatch(new RegExp(`^${priority === 'monitor' ? 'Monitor' : priority}`));
  });
});
