/** Ranks and grades: competition ranks on totals in hundredths, grades filled by quota without splitting a tie. */
import { clamp, toHundredths } from './scoring.arithmetic.js';
import type { Grade, GradeQuotas } from './scoring.rules.js';

/** A unit's total as ranks and grades see it. */
export interface RankEntry {
  orgId: number;
  total: number;
}

/** Competition ranks (1, 2, 2, 4) by total, highest first; totals compared in hundredths so equal-looking totals tie. */
export function competitionRanks(entries: readonly RankEntry[]): Map<number, number> {
  const sorted = [...entries].sort((a, b) => toHundredths(b.total) - toHundredths(a.total));
  const ranks = new Map<number, number>();
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1];
    const rank =
      previous !== undefined && toHundredths(previous.total) === toHundredths(entry.total) ? (ranks.get(previous.orgId) ?? i + 1) : i + 1;
    ranks.set(entry.orgId, rank);
  });
  return ranks;
}

/**
 * Cumulative unit counts per grade for n units: floor(n × cumulative share), shares taken in basis
 * points so 0.2 + 0.5 + 0.2 is exactly 0.9. `poor` holds everyone (n).
 */
export function quotaCounts(n: number, quotas: GradeQuotas): Record<Grade, number> {
  const bp = (share: number): number => Math.round(clamp(share, 0, 1) * 10_000);
  const excellent = bp(quotas.excellent);
  const good = excellent + bp(quotas.good);
  const fair = good + bp(quotas.fair);
  const count = (cumulativeBp: number): number => Math.floor((n * Math.min(cumulativeBp, 10_000)) / 10_000);
  // Poor is counted from the bottom: its share is what the three grades above leave (10 % by default).
  return { excellent: count(excellent), good: count(good), fair: count(fair), poor: count(Math.max(0, 10_000 - fair)) };
}

/**
 * Grades by quota. From the top: a unit gets the best of excellent/good/fair with (units strictly above + units
 * tied with it) ≤ that grade's cumulative count, so a tie that would overflow a grade drops whole to the next.
 * From the bottom: poor only while (units strictly below + units tied with it) ≤ the poor count, so a unit is
 * never poor merely because its zone is small or all tied; a unit that fits neither is fair.
 */
export function assignGrades(entries: readonly RankEntry[], quotas: GradeQuotas): Map<number, Grade> {
  const n = entries.length;
  const counts = quotaCounts(n, quotas);
  const tied = new Map<number, number>();
  for (const entry of entries) tied.set(toHundredths(entry.total), (tied.get(toHundredths(entry.total)) ?? 0) + 1);
  const ranks = competitionRanks(entries);
  const grades = new Map<number, Grade>();
  for (const entry of entries) {
    const above = (ranks.get(entry.orgId) ?? 1) - 1;
    const withTies = tied.get(toHundredths(entry.total)) ?? 1;
    const below = n - above - withTies;
    const top = (['excellent', 'good', 'fair'] as const).find((grade) => above + withTies <= counts[grade]);
    grades.set(entry.orgId, top ?? (below + withTies <= counts.poor ? 'poor' : 'fair'));
  }
  return grades;
}
