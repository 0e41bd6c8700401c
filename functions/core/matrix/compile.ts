import { workingCalendar, type IsoWeekday, type WorkingCalendar } from '../sla/calendar';
import { WEEKDAYS, type MatrixRule, type ResponseMatrix } from './schema';

/** A phrase or pattern from the matrix, ready to run. `label` is how evidence names it. */
export interface TextMatcher {
  kind: 'phrase' | 'pattern';
  label: string;
  regex: RegExp;
}

export interface CompiledRule {
  rule: MatrixRule;
  /** Position in the file: the tie-break between rules of equal priority. */
  index: number;
  matchers: TextMatcher[];
  unless: RegExp[];
}

export interface CompiledMatrix {
  rules: CompiledRule[];
  calendar: WorkingCalendar;
}

// A matrix is parsed once per cold start; compile it once too, not once per interaction.
const cache = new WeakMap<ResponseMatrix, CompiledMatrix>();

export function compileMatrix(matrix: ResponseMatrix): CompiledMatrix {
  let compiled = cache.get(matrix);
  if (!compiled) {
    compiled = { rules: matrix.rules.map(compileRule), calendar: calendarOf(matrix) };
    cache.set(matrix, compiled);
  }
  return compiled;
}

function compileRule(rule: MatrixRule, index: number): CompiledRule {
  const phrases = rule.signals?.phrases ?? [];
  const patterns = rule.signals?.patterns ?? [];
  return {
    rule,
    index,
    matchers: [
      ...phrases.map((phrase): TextMatcher => ({
        kind: 'phrase',
        label: `phrase: '${phrase}'`,
        regex: phraseRegex(phrase),
      })),
      ...patterns.map((source): TextMatcher => ({
        kind: 'pattern',
        label: `pattern: /${source}/`,
        regex: new RegExp(source, 'giu'),
      })),
    ],
    unless: rule.unless.map(phraseRegex),
  };
}

/**
 * A phrase matches case-insensitively, as whole words: "rude" does not match "prudent".
 * Spaces and hyphens are interchangeable ("self harm" matches "self-harm"), and a straight
 * apostrophe matches a curly one, as phones type them.
 */
export function phraseRegex(phrase: string): RegExp {
  const words = phrase
    .trim()
    .split(/[\s\-]+/u)
    .filter((word) => word.length > 0)
    .map((word) => escapeRegex(word).replace(/['\u2019]/gu, "['\u2019]"));
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${words.join(String.raw`[\s\-]+`)}(?![\p{L}\p{N}])`, 'giu');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function calendarOf(matrix: ResponseMatrix): WorkingCalendar {
  const { timeZone, monitoredHours, bankHolidays } = matrix.clock;
  return workingCalendar({
    timeZone,
    workingDays: monitoredHours.days.map((day) => (WEEKDAYS.indexOf(day) + 1) as IsoWeekday),
    opensAt: monitoredHours.start,
    closesAt: monitoredHours.end,
    bankHolidays,
  });
}
