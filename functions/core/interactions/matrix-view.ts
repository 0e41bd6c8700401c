import type { Priority } from '../../../events';
import { matrixCalendar } from '../matrix/calendar';
import type { ResponseMatrix } from '../matrix/load';
import { ruleOrderOf } from '../matrix/precedence';
import { PRIORITY_SLA, type MatrixView } from './transitions';

/** What the queue's transitions need from the response matrix: its calendar, teams, categories and SLAs. */
export function matrixView(matrix: ResponseMatrix): MatrixView {
  const categories = new Map<string, { owner: string; publicReply: string }>();
  for (const rule of matrix.rules) {
    if (!categories.has(rule.category)) categories.set(rule.category, { owner: rule.owner, publicReply: rule.publicReply });
  }
  return {
    calendar: matrixCalendar(matrix),
    teams: new Set(matrix.teams.map((team) => team.id)),
    teamNames: new Map(matrix.teams.map((team) => [team.id, team.name])),
    incidentSla: matrix.incidentMode.sla,
    categories,
    ruleOrder: ruleOrderOf(matrix),
    slaFor: (category: string | undefined, priority: Priority) =>
      matrix.rules.find((rule) => rule.category === category && rule.priority === priority)?.sla ?? PRIORITY_SLA[priority],
  };
}
