/**
 * A search attribute that SQL visibility cannot hold would pass every dev-server test and fail on
 * the first real cluster: this catches it at `npm test`.
 */
import { SEARCH_ATTRIBUTES, SQL_VISIBILITY_LIMITS } from '../../src/domain/searchAttributes';

function countByType(attrs: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of Object.values(attrs)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function overLimit(attrs: Record<string, string>): string[] {
  return Object.entries(countByType(attrs))
    .filter(([type, n]) => n > (SQL_VISIBILITY_LIMITS[type as keyof typeof SQL_VISIBILITY_LIMITS] ?? 0))
    .map(([type, n]) => `${n} × ${type}`);
}

test('every custom search attribute fits the slots of SQL visibility', () => {
  expect(overLimit(SEARCH_ATTRIBUTES)).toEqual([]);
});

test('a fourth KeywordList is caught (the product uses all three today)', () => {
  expect(countByType(SEARCH_ATTRIBUTES).KeywordList).toBe(3);
  expect(overLimit({ ...SEARCH_ATTRIBUTES, KoordinasiExtra: 'KeywordList' })).toEqual(['4 × KeywordList']);
});
