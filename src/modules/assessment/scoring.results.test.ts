import { describe, expect, it } from 'vitest';
import { QUOTAS, SCHEME, WORLD } from './scoring.fixtures.js';
import { quotaCounts } from './scoring.grades.js';
import { computeResults } from './scoring.results.js';
import {
  type AssessmentInput,
  GRADES,
  type Indicator,
  type IndicatorValue,
  type LedgerCount,
  type OrgResult,
  type Scheme,
  type SchemeIndicator,
  type ScoringMethod,
} from './scoring.rules.js';

/** Integer hundredths, for exact comparisons of 2-decimal figures. */
const h = (x: number): number => Math.round(x * 100);

describe('computeResults', () => {
  const run = computeResults(WORLD);
  const byId = (orgId: number): OrgResult => {
    const found = run.results.find((result) => result.orgId === orgId);
    if (found === undefined) throw new Error(`no result for ${orgId}`);
    return found;
  };

  it('peer min–max compares with the zone’s units, each counted once (three here, not four)', () => {
    expect(byId(2).lines.find((line) => line.code === 'DEBT')?.explanation).toEqual({
      key: 'assessment.explain.peer',
      params: { value: 70, min: 50, max: 90, peers: 3 },
    });
  });

  it('scores only the scheme zone and lists the others', () => {
    expect(run.results.map((result) => result.orgId)).toEqual([1, 3, 2]);
    expect(run.outOfZone).toEqual([9]);
    expect(run.weightSum).toBe(100);
  });

  it('breaks a unit down line by line (target, capped target, latent improvement, peer min–max)', () => {
    const one = byId(1);
    expect(one.lines.map((line) => [line.code, line.subScore, line.contribution, line.visibility])).toEqual([
      ['GDP', 95, 19, 'visible'],
      ['PM25', 120, 24, 'latent'],
      ['FOREST', 100, 15, 'latent'],
      ['DEBT', 100, 15, 'visible'],
    ]);
    expect(one.thirdParty).toMatchObject({ score: 80, weight: 15, contribution: 12 });
    expect(one.satisfaction).toMatchObject({ score: 90, weight: 15, contribution: 13.5 });
    expect(one.total).toBe(98.5);
    expect(one.indicatorScore).toBe(73);
    expect(one.visibleScore).toBe(34);
    expect(one.latentScore).toBe(39);
    expect(one.latentShare).toBe(0.3959);
    expect(one.previousGrade).toBe('excellent');
    expect(one.missing).toEqual([]);
  });

  it('explains the latent baseline year', () => {
    const forest = byId(1).lines.find((line) => line.code === 'FOREST');
    expect(forest?.explanation).toEqual({
      key: 'assessment.explain.improvement',
      params: { value: 110, baseline: 100, change: 0.1, fullMarkChange: 0.1, baselineYear: 2022 },
    });
  });

  it('scores a missing figure 0 and says so', () => {
    const two = byId(2);
    const forest = two.lines.find((line) => line.code === 'FOREST');
    expect(forest).toMatchObject({ rawValue: null, subScore: null, contribution: 0, explanation: { key: 'assessment.explain.no_value' } });
    expect(two.satisfaction).toMatchObject({ score: null, contribution: 0, explanation: { key: 'assessment.explain.no_satisfaction' } });
    expect(two.missing).toEqual([{ indicatorId: 3, code: 'FOREST', reason: 'no_value' }]);
    expect(byId(3).missing).toEqual([{ indicatorId: 3, code: 'FOREST', reason: 'no_baseline' }]);
  });

  it('takes deductions off with the ledger items behind them', () => {
    const two = byId(2);
    expect(two.deductions).toEqual([{ kind: 'fake_achievement', count: 1, pointsEach: 2, points: 2, capped: false, itemIds: [501] }]);
    expect(two.total).toBe(20 + 16 + 0 + 7.5 + 13.5 + 0 - 2);
    expect(byId(3).total).toBe(57);
  });

  it('ranks and grades within the zone (3 units: floor(0.6) = 0 excellent, floor(0.3) = 0 poor)', () => {
    expect(run.results.map((result) => [result.orgId, result.rank, result.grade])).toEqual([
      [1, 1, 'good'],
      [3, 2, 'good'],
      [2, 3, 'fair'],
    ]);
  });

  it('accepts records and maps alike', () => {
    const asRecords: AssessmentInput = {
      ...WORLD,
      values: Object.fromEntries(
        [...(WORLD.values as Map<number, Map<number, IndicatorValue>>)].map(([orgId, m]) => [orgId, Object.fromEntries(m)]),
      ),
      satisfaction: { 1: 90, 3: 70 },
      history: new Map([[1, new Map([[2024, 'excellent' as const]])]]),
    };
    expect(computeResults(asRecords)).toEqual(run);
  });

  it('clamps out-of-range third-party and satisfaction scores to 0..100', () => {
    const clamped = computeResults({ ...WORLD, thirdParty: { 1: 130, 2: -5, 3: 70 } });
    expect(clamped.results.find((result) => result.orgId === 1)?.thirdParty).toMatchObject({ score: 100, contribution: 15 });
    expect(clamped.results.find((result) => result.orgId === 2)?.thirdParty).toMatchObject({ score: 0, contribution: 0 });
  });
});

describe('deductions and caps', () => {
  const counts = (entries: Record<string, number>): Record<string, LedgerCount> =>
    Object.fromEntries(
      Object.entries(entries).map(([kind, count]) => [kind, { count, itemIds: Array.from({ length: count }, (_, i) => i + 1) }]),
    );
  const deduct = (ledger: Record<string, number>, maxDeduction?: number): OrgResult => {
    const scheme: Scheme = maxDeduction === undefined ? SCHEME : { ...SCHEME, maxDeduction };
    const result = computeResults({ ...WORLD, scheme, ledgerCounts: { 1: counts(ledger) } }).results.find((r) => r.orgId === 1);
    if (result === undefined) throw new Error('no result');
    return result;
  };

  it('caps each rule on its own', () => {
    const one = deduct({ fake_achievement: 4, statistical_fraud: 1, rebound: 3 });
    expect(one.deductions.map((line) => [line.kind, line.count, line.points, line.capped])).toEqual([
      ['fake_achievement', 4, 5, true],
      ['statistical_fraud', 1, 3, false],
      ['rebound', 3, 1.5, false],
    ]);
    expect(one.deductionsBeforeMax).toBe(9.5);
    expect(one.deductionTotal).toBe(9.5);
    expect(one.deductionsCappedByMax).toBe(false);
    expect(one.total).toBe(89);
  });

  it('a rule exactly at its cap is not marked capped', () => {
    const line = deduct({ rebound: 4 }).deductions[0];
    expect(line).toMatchObject({ points: 2, capped: false });
    expect(deduct({ rebound: 5 }).deductions[0]).toMatchObject({ points: 2, capped: true });
  });

  it('maxDeduction caps the sum of deductions', () => {
    const one = deduct({ fake_achievement: 4, statistical_fraud: 1, rebound: 3 }, 8);
    expect(one.deductionsBeforeMax).toBe(9.5);
    expect(one.deductionTotal).toBe(8);
    expect(one.deductionsCappedByMax).toBe(true);
    expect(one.total).toBe(90.5);
  });

  it('ignores kinds the scheme does not deduct for and zero counts', () => {
    const one = deduct({ corruption: 3, rebound: 0 });
    expect(one.deductions).toEqual([]);
    expect(one.total).toBe(98.5);
  });
});

describe('the breakdown sums exactly to the total', () => {
  let seed = 20250601;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  const decimals = (lo: number, hi: number, places: number): number =>
    Math.round((lo + random() * (hi - lo)) * 10 ** places) / 10 ** places;
  const isHundredths = (x: number): boolean => Number.isFinite(x) && Math.round(x * 100) / 100 === x;

  const randomInput = (): AssessmentInput => {
    const indicatorCount = int(1, 6);
    const indicators: Indicator[] = Array.from({ length: indicatorCount }, (_, i) => ({
      id: i + 1,
      code: `I${i + 1}`,
      name: `指标${i + 1}`,
      direction: pick(['higher_better', 'lower_better'] as const),
      visibility: pick(['visible', 'latent'] as const),
      lagYears: int(0, 4),
    }));
    const lines: SchemeIndicator[] = indicators.map((indicator) => {
      const method = pick<ScoringMethod>(['target', 'peer_minmax', 'improvement']);
      return {
        indicatorId: indicator.id,
        weight: decimals(0.01, 40, 2),
        method,
        ...(method === 'target' ? { target: decimals(0.5, 200, 3), cap: pick([1, 1.1, 1.2, 1.37]) } : {}),
        ...(method === 'improvement' ? { fullMarkChange: pick([0.05, 0.1, 0.15, 0.333]) } : {}),
      };
    });
    const kinds = ['fake_achievement', 'statistical_fraud', 'red_at_year_end', 'rebound'];
    const scheme: Scheme = {
      year: 2025,
      zone: 'z',
      indicators: lines,
      thirdPartyWeight: decimals(0, 30, 2),
      satisfactionWeight: decimals(0, 30, 2),
      deductions: kinds.filter(() => random() < 0.7).map((kind) => ({ kind, pointsEach: decimals(0.01, 3, 2), cap: decimals(0, 10, 2) })),
      ...(random() < 0.5 ? { maxDeduction: decimals(0, 12, 2) } : {}),
      gradeQuotas: pick([QUOTAS, { excellent: 0.15, good: 0.35, fair: 0.3 }, { excellent: 0.3, good: 0.3, fair: 0.3 }]),
    };
    const orgCount = int(1, 15);
    const orgs = Array.from({ length: orgCount }, (_, i) => ({ orgId: i + 1, name: `单位${i + 1}`, zone: random() < 0.9 ? 'z' : 'other' }));
    const values = new Map<number, Map<number, IndicatorValue>>();
    const thirdParty = new Map<number, number>();
    const satisfaction = new Map<number, number>();
    const ledgerCounts = new Map<number, Record<string, LedgerCount>>();
    // Few distinct levels make ties frequent.
    const level = (): number => pick([-20, 0, 0.5, 7, 33.3, 50, 99.99, 120, decimals(-50, 300, 3)]);
    for (const org of orgs) {
      const figuresOf = new Map<number, IndicatorValue>();
      for (const indicator of indicators) {
        if (random() < 0.1) continue;
        figuresOf.set(indicator.id, {
          value: level(),
          ...(random() < 0.8 ? { baseline: level() } : random() < 0.5 ? { baseline: null } : {}),
        });
      }
      values.set(org.orgId, figuresOf);
      if (random() < 0.9) thirdParty.set(org.orgId, decimals(-10, 110, 3));
      if (random() < 0.9) satisfaction.set(org.orgId, decimals(0, 100, 1));
      ledgerCounts.set(
        org.orgId,
        Object.fromEntries(kinds.filter(() => random() < 0.4).map((kind) => [kind, { count: int(0, 6), itemIds: [int(1, 999)] }])),
      );
    }
    return { scheme, indicators, orgs, values, thirdParty, satisfaction, ledgerCounts };
  };

  const cases = Array.from({ length: 200 }, (_, i) => [i, randomInput()] as const);
  it.each(cases)('case %d', (_i, input) => {
    const run = computeResults(input);
    const counts = quotaCounts(run.results.length, input.scheme.gradeQuotas);
    const capOf = new Map(input.scheme.indicators.map((line) => [line.indicatorId, line.method === 'target' ? (line.cap ?? 1) : 1]));
    for (const result of run.results) {
      const figures = [
        result.total,
        result.indicatorScore,
        result.visibleScore,
        result.latentScore,
        result.deductionTotal,
        result.deductionsBeforeMax,
        result.thirdParty.contribution,
        result.satisfaction.contribution,
      ];
      for (const line of result.lines) figures.push(line.contribution, line.subScore ?? 0);
      for (const line of result.deductions) figures.push(line.points);
      expect(figures.every(isHundredths)).toBe(true);

      // Each contribution is subScore × weight / 100 rounded half up to hundredths, in integers.
      for (const line of result.lines) {
        const expected = line.subScore === null ? 0 : Math.floor((h(line.subScore) * h(line.weight) + 5000) / 10_000);
        expect(h(line.contribution)).toBe(expected);
        if (line.subScore !== null) {
          expect(line.subScore).toBeGreaterThanOrEqual(0);
          expect(line.subScore).toBeLessThanOrEqual(100 * (capOf.get(line.indicatorId) ?? 1));
        }
      }
      const linesH = result.lines.reduce((sum, line) => sum + h(line.contribution), 0);
      expect(h(result.indicatorScore)).toBe(linesH);
      expect(h(result.visibleScore) + h(result.latentScore)).toBe(linesH);
      expect(h(result.total)).toBe(
        linesH + h(result.thirdParty.contribution) + h(result.satisfaction.contribution) - h(result.deductionTotal),
      );

      const pointsH = result.deductions.reduce((sum, line) => sum + h(line.points), 0);
      expect(h(result.deductionsBeforeMax)).toBe(pointsH);
      const maxH = input.scheme.maxDeduction === undefined ? Number.POSITIVE_INFINITY : h(input.scheme.maxDeduction);
      expect(h(result.deductionTotal)).toBe(Math.min(pointsH, maxH));
      expect(result.deductionsCappedByMax).toBe(pointsH > maxH);
      for (const line of result.deductions) {
        const rule = input.scheme.deductions.find((r) => r.kind === line.kind);
        expect(rule).toBeDefined();
        if (rule === undefined) continue;
        expect(h(line.points)).toBe(Math.min(h(rule.pointsEach) * line.count, h(rule.cap)));
        expect(line.capped).toBe(h(rule.pointsEach) * line.count > h(rule.cap));
      }
      expect(result.latentShare).toBeGreaterThanOrEqual(0);
      expect(result.latentShare).toBeLessThanOrEqual(1);

      // Competition rank: one more than the units strictly ahead.
      expect(result.rank).toBe(1 + run.results.filter((other) => h(other.total) > h(result.total)).length);
    }
    // Grades: the top quotas are never exceeded, poor never exceeds its share from the bottom, ties share a grade,
    // a better total never gets a worse grade.
    for (const grade of ['excellent', 'good'] as const) {
      const upTo = GRADES.slice(0, GRADES.indexOf(grade) + 1);
      expect(run.results.filter((result) => upTo.includes(result.grade)).length).toBeLessThanOrEqual(counts[grade]);
    }
    expect(run.results.filter((result) => result.grade === 'poor').length).toBeLessThanOrEqual(counts.poor);
    for (const a of run.results) {
      for (const b of run.results) {
        if (h(a.total) === h(b.total)) expect(a.grade).toBe(b.grade);
        if (h(a.total) > h(b.total)) expect(GRADES.indexOf(a.grade)).toBeLessThanOrEqual(GRADES.indexOf(b.grade));
      }
    }
    expect(run.results.length + run.outOfZone.length).toBe(input.orgs.length);
  });
});
