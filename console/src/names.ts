import { humanise } from './format';
import type { MatrixDocument } from './types';

/** Teams and categories by the names the response matrix gives them; an id the matrix does not know is humanised. */
export function teamName(matrix: MatrixDocument | null, team: string | undefined): string {
  if (!team) return 'No owner yet';
  return matrix?.teams.find((candidate) => candidate.id === team)?.name ?? humanise(team);
}

export function categoryName(matrix: MatrixDocument | null, category: string): string {
  return matrix?.rules.find((rule) => rule.category === category)?.categoryLabel ?? humanise(category);
}

/** The matrix's teams as select options. */
export function teamOptions(matrix: MatrixDocument | null): Array<{ value: string; text: string }> {
  return matrix?.teams.map((team) => ({ value: team.id, text: team.name })) ?? [];
}

/** The matrix's categories (once each) as select options. */
export function categoryOptions(matrix: MatrixDocument | null): Array<{ value: string; text: string }> {
  return [...new Map((matrix?.rules ?? []).map((rule) => [rule.category, rule.categoryLabel ?? humanise(rule.category)])).entries()].map(([value, text]) => ({ value, text }));
}
