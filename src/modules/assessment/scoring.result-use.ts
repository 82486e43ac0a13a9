/** 结果运用: who is 优先使用 (excellent years running) and who is 约谈 (bottom of the zone with serious open problems). */
import { clamp, entriesOf, lookup } from './scoring.arithmetic.js';
import type { Explanation, Grade, Keyed, OrgResult } from './scoring.rules.js';

/** How 结果运用 picks units; defaults: bottom = last rank, 1 serious open problem, 3 excellent years. */
export interface ResultUseOptions {
  /** `last_rank`: the last rank of the zone (a tie for last is all last); `bottom_share`: the bottom `bottomShare` of the zone. */
  bottom?: 'last_rank' | 'bottom_share';
  /** Share for `bottom_share` (default 0.1), counted as floor(n × share) units; a tie straddling the line stays out. */
  bottomShare?: number;
  /** Serious open problems needed for 约谈 (default 1). */
  minSeriousOpen?: number;
  /** Consecutive excellent years needed for 优先使用, ending with the current year (default 3). */
  priorityYears?: number;
}

/** A unit picked for a use, with why. */
export interface ResultUsePick {
  orgId: number;
  reason: Explanation;
}

/** 结果运用: who is 优先使用 and who is 约谈. */
export interface ResultUse {
  priorityUse: ResultUsePick[];
  admonition: ResultUsePick[];
}

/**
 * 结果运用: 连续三年优秀优先使用 (excellent in the current year and the years before) and
 * 排名靠后且问题突出约谈 (bottom of its zone AND at least N serious open problems).
 * The current year's grade comes from `results` when the unit is there, else from the history.
 */
export function resultUse(
  orgGradesByYear: Keyed<Keyed<Grade>>,
  currentYear: number,
  results: readonly Pick<OrgResult, 'orgId' | 'zone' | 'rank' | 'grade'>[],
  openSerious: Keyed<number>,
  opts: ResultUseOptions = {},
): ResultUse {
  const years = Math.max(1, opts.priorityYears ?? 3);
  const minSerious = opts.minSeriousOpen ?? 1;
  const bottom = opts.bottom ?? 'last_rank';
  const bottomShareBp = Math.round(clamp(opts.bottomShare ?? 0.1, 0, 1) * 10_000);
  const resultById = new Map(results.map((result) => [result.orgId, result]));
  const candidates = new Set([...results.map((result) => result.orgId), ...entriesOf(orgGradesByYear).map(([orgId]) => orgId)]);

  const priorityUse: ResultUsePick[] = [];
  const spanned = Array.from({ length: years }, (_, i) => currentYear - years + 1 + i);
  for (const orgId of [...candidates].sort((a, b) => a - b)) {
    const history = lookup(orgGradesByYear, orgId);
    const gradeIn = (year: number): Grade | undefined =>
      year === currentYear ? (resultById.get(orgId)?.grade ?? lookup(history, year)) : lookup(history, year);
    if (spanned.every((year) => gradeIn(year) === 'excellent')) {
      priorityUse.push({ orgId, reason: { key: 'assessment.use.priority', params: { years: spanned.join(','), count: years } } });
    }
  }

  const zoneSize = new Map<string, number>();
  const lastRank = new Map<string, number>();
  for (const result of results) {
    zoneSize.set(result.zone, (zoneSize.get(result.zone) ?? 0) + 1);
    lastRank.set(result.zone, Math.max(lastRank.get(result.zone) ?? 0, result.rank));
  }
  const admonition: ResultUsePick[] = [];
  for (const result of [...results].sort((a, b) => a.orgId - b.orgId)) {
    const n = zoneSize.get(result.zone) ?? 0;
    const isBottom =
      bottom === 'last_rank'
        ? result.rank === lastRank.get(result.zone)
        : (() => {
            const k = Math.floor((n * bottomShareBp) / 10_000);
            return k > 0 && result.rank - 1 >= n - k;
          })();
    const serious = lookup(openSerious, result.orgId) ?? 0;
    if (isBottom && serious >= minSerious) {
      admonition.push({
        orgId: result.orgId,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: bottom, rank: result.rank, zoneSize: n, openSerious: serious, minSeriousOpen: minSerious },
        },
      });
    }
  }
  return { priorityUse, admonition };
}
