/**
 * The matrix against a labelled evaluation set (test/evaluation/messages.jsonl): realistic posts to a
 * trust, written and labelled by hand by the matrix's definitions (A3), with near-misses, Welsh, typos,
 * sarcasm and valid and invalid NHS numbers. Reports per-category precision and recall and fails below
 * the floors agreed in the issue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../../../functions/core/matrix/assess';
import { defaultMatrix, interaction } from './fixtures';

interface Labelled {
  id: string;
  text: string;
  label: string;
  priority?: string;
  also?: string[];
  nhs?: 'valid' | 'invalid';
  author?: string;
}

const FILE = join(__dirname, '..', '..', 'evaluation', 'messages.jsonl');
const labelled: Labelled[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => JSON.parse(line) as Labelled);

const NOW = '2026-03-10T10:00:00Z';
const results = labelled.map((item) => {
  const { assessment } = assess(interaction(item.text, { author: { displayName: item.author ?? 'A Member of the Public' } }), defaultMatrix, NOW);
  return { item, assessment };
});

const FLOORS = { accuracy: 0.85, safeguardingRecall: 1, categoryRecall: 0.6, categoryPrecision: 0.6 };

function perCategory() {
  const categories = [...new Set(labelled.map((item) => item.label))].sort();
  return categories.map((category) => {
    const tp = results.filter((r) => r.item.label === category && r.assessment.category === category).length;
    const fn = results.filter((r) => r.item.label === category && r.assessment.category !== category).length;
    const fp = results.filter((r) => r.item.label !== category && r.assessment.category === category).length;
    return { category, support: tp + fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
  });
}

const accuracy = results.filter((r) => r.assessment.category === r.item.label).length / results.length;

afterAll(() => {
  const rows = perCategory().map(
    (row) => `  ${row.category.padEnd(18)} ${String(row.support).padStart(4)}  ${row.precision.toFixed(2)}  ${row.recall.toFixed(2)}`,
  );
  const misses = results
    .filter((r) => r.assessment.category !== r.item.label)
    .map((r) => `  ${r.item.id}: expected ${r.item.label}, got ${r.assessment.category}`);
  process.stdout.write(
    [
      '',
      `Response matrix evaluation: ${results.length} messages, primary-category accuracy ${(accuracy * 100).toFixed(1)}%`,
      '  category            n    prec  recall',
      ...rows,
      ...(misses.length > 0 ? ['misses:', ...misses] : []),
      '',
    ].join('\n'),
  );
});

describe('evaluation set', () => {
  it('is big enough and covers every category of the default matrix', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(200);
    const contentCategories = new Set(defaultMatrix.rules.filter((r) => !r.default).map((r) => r.category));
    for (const category of contentCategories) expect(labelled.some((item) => item.label === category)).toBe(true);
    expect(new Set(labelled.map((item) => item.id)).size).toBe(labelled.length);
  });

  it('holds Welsh posts and valid and invalid NHS numbers', () => {
    expect(results.filter((r) => r.assessment.language === 'cy').length).toBeGreaterThanOrEqual(8);
    expect(labelled.filter((item) => item.nhs === 'valid').length).toBeGreaterThanOrEqual(5);
    expect(labelled.filter((item) => item.nhs === 'invalid').length).toBeGreaterThanOrEqual(3);
  });

  it(`primary-category accuracy is at least ${FLOORS.accuracy * 100}%`, () => {
    expect(accuracy).toBeGreaterThanOrEqual(FLOORS.accuracy);
  });

  it('safeguarding recall is 100%: no risk-to-life post is missed', () => {
    const missed = results.filter((r) => r.item.label === 'safeguarding' && r.assessment.category !== 'safeguarding').map((r) => r.item.id);
    expect(missed).toEqual([]);
    expect(perCategory().find((row) => row.category === 'safeguarding')!.recall).toBe(FLOORS.safeguardingRecall);
  });

  it('no invalid-checksum number is flagged as an NHS number, and every valid one is', () => {
    const invalidFlagged = results.filter((r) => r.item.nhs === 'invalid' && r.assessment.piiKinds.includes('nhs-number'));
    const validMissed = results.filter((r) => r.item.nhs === 'valid' && !r.assessment.piiKinds.includes('nhs-number'));
    expect(invalidFlagged.map((r) => r.item.id)).toEqual([]);
    expect(validMissed.map((r) => r.item.id)).toEqual([]);
  });

  it('every message labelled P0 is decided P0 (pages on-call), and every expected priority holds', () => {
    const wrong = results
      .filter((r) => r.item.priority !== undefined && r.item.label === r.assessment.category && r.assessment.priority !== r.item.priority)
      .map((r) => `${r.item.id}: ${r.assessment.priority}`);
    expect(wrong).toEqual([]);
    const p0Missed = results.filter((r) => (r.item.priority === 'P0' || r.item.label === 'safeguarding') && r.assessment.priority !== 'P0');
    expect(p0Missed.map((r) => r.item.id)).toEqual([]);
  });

  it('during a pre-election period every political message is still political, but monitor-only and sent to the comms lead', () => {
    const during = '2026-04-14T10:00:00Z';
    const political = labelled.filter((item) => item.label === 'political');
    const decided = political.map((item) => assess(interaction(item.text, { receivedAt: during, occurredAt: during }), defaultMatrix, during).assessment);
    expect(decided.map((a) => [a.category, a.priority, a.slaDueAt, a.ownerTeam, a.escalation?.notify])).toEqual(
      political.map(() => ['political', 'monitor', null, 'comms-lead', true]),
    );
  });

  it('the change programme (in its period) changes no primary category', () => {
    const inPeriod = '2026-11-26T10:00:00Z';
    const changed = labelled.filter((item) => {
      const at = (when: string) => assess(interaction(item.text, { receivedAt: when, occurredAt: when }), defaultMatrix, when).assessment.category;
      return at(inPeriod) !== at(NOW);
    });
    expect(changed.map((item) => item.id)).toEqual([]);
  });

  it.each(perCategory().map((row) => [row.category, row] as const))(
    `%s: precision and recall at least ${FLOORS.categoryPrecision}`,
    (_category, row) => {
      expect(row.recall).toBeGreaterThanOrEqual(FLOORS.categoryRecall);
      expect(row.precision).toBeGreaterThanOrEqual(FLOORS.categoryPrecision);
    },
  );
});
