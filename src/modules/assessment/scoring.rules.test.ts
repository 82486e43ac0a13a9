import { describe, expect, it } from 'vitest';
import {
  assignGrades,
  baselineYear,
  competitionRanks,
  computeResults,
  quotaCounts,
  resultUse,
  scoreImprovement,
  scorePeerMinMax,
  scoreTarget,
  validateWeights,
  weightSumOf,
  whatIf,
  GRADES,
  type AssessmentInput,
  type Direction,
  type Grade,
  type Indicator,
  type IndicatorValue,
  type LedgerCount,
  type OrgResult,
  type Scheme,
  type SchemeError,
  type SchemeIndicator,
  type ScoringMethod,
} from './scoring.rules.js';

const QUOTAS = { excellent: 0.2, good: 0.5, fair: 0.2 };
/** Integer hundredths, for exact comparisons of 2-decimal figures. */
const h = (x: number): number => Math.round(x * 100);
const errorsOf = (scheme: Scheme, indicators: readonly Indicator[]): SchemeError[] => {
  const outcome = validateWeights(scheme, indicators);
  return outcome.ok ? [] : outcome.errors;
};

describe('scoreTarget', () => {
  const table: [number, number, Direction, number, number, string][] = [
    [95, 100, 'higher_better', 1, 95, 'assessment.explain.target'],
    [100, 100, 'higher_better', 1, 100, 'assessment.explain.target'],
    [120, 100, 'higher_better', 1, 100, 'assessment.explain.target_capped'],
    [110, 100, 'higher_better', 1.2, 110, 'assessment.explain.target'],
    [120, 100, 'higher_better', 1.2, 120, 'assessment.explain.target'],
    [150, 100, 'higher_better', 1.2, 120, 'assessment.explain.target_capped'],
    [1, 3, 'higher_better', 1, 33.33, 'assessment.explain.target'],
    [2, 3, 'higher_better', 1, 66.67, 'assessment.explain.target'],
    [0, 100, 'higher_better', 1, 0, 'assessment.explain.target'],
    [-5, 100, 'higher_better', 1.2, 0, 'assessment.explain.target'],
    [50, 40, 'lower_better', 1, 80, 'assessment.explain.target'],
    [40, 40, 'lower_better', 1, 100, 'assessment.explain.target'],
    [30, 40, 'lower_better', 1, 100, 'assessment.explain.target_capped'],
    [30, 36, 'lower_better', 1.2, 120, 'assessment.explain.target'],
    [30, 40, 'lower_better', 1.2, 120, 'assessment.explain.target_capped'],
    [0, 40, 'lower_better', 1, 100, 'assessment.explain.target_nonpositive_value'],
    [0, 40, 'lower_better', 1.2, 120, 'assessment.explain.target_nonpositive_value'],
    [-3, 40, 'lower_better', 1.5, 150, 'assessment.explain.target_nonpositive_value'],
    [400, 40, 'lower_better', 1, 10, 'assessment.explain.target'],
  ];
  it.each(table)('value %d target %d %s cap %d → %d', (value, target, direction, cap, expected, key) => {
    const scored = scoreTarget(value, target, direction, cap);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe(key);
  });
  it('defaults the cap to 1 and treats a cap below 1 as 1', () => {
    expect(scoreTarget(130, 100, 'higher_better').subScore).toBe(100);
    expect(scoreTarget(130, 100, 'higher_better', 0.5).subScore).toBe(100);
  });
  it('explains with the attainment ratio', () => {
    expect(scoreTarget(95, 100, 'higher_better', 1.2).explanation.params).toEqual({ value: 95, target: 100, attainment: 0.95, cap: 1.2 });
  });
});

describe('scorePeerMinMax', () => {
  const table: [number, number[], Direction, number, string][] = [
    [5, [0, 5, 10], 'higher_better', 50, 'assessment.explain.peer'],
    [10, [0, 5, 10], 'higher_better', 100, 'assessment.explain.peer'],
    [0, [0, 5, 10], 'higher_better', 0, 'assessment.explain.peer'],
    [5, [0, 5, 10], 'lower_better', 50, 'assessment.explain.peer'],
    [0, [0, 10], 'lower_better', 100, 'assessment.explain.peer'],
    [10, [0, 10], 'lower_better', 0, 'assessment.explain.peer'],
    [2, [1, 4], 'higher_better', 33.33, 'assessment.explain.peer'],
    [-5, [-10, 0], 'higher_better', 50, 'assessment.explain.peer'],
    [-10, [-10, 0], 'lower_better', 100, 'assessment.explain.peer'],
    [7, [7, 7, 7], 'higher_better', 100, 'assessment.explain.peer_all_equal'],
    [7, [7, 7, 7], 'lower_better', 100, 'assessment.explain.peer_all_equal'],
    [3, [], 'higher_better', 100, 'assessment.explain.peer_all_equal'],
    [0, [0], 'lower_better', 100, 'assessment.explain.peer_all_equal'],
  ];
  it.each(table)('value %d among %j %s → %d', (value, peers, direction, expected, key) => {
    const scored = scorePeerMinMax(value, peers, direction);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe(key);
  });
  it('counts the unit itself as a peer and ignores non-finite peers', () => {
    expect(scorePeerMinMax(20, [0, 10, Number.NaN], 'higher_better').subScore).toBe(100);
    expect(scorePeerMinMax(20, [0, 10], 'higher_better').explanation.params).toEqual({ value: 20, min: 0, max: 20, peers: 3 });
  });
});

describe('scoreImprovement', () => {
  const table: [number, number, Direction, number, number][] = [
    [110, 100, 'higher_better', 0.1, 100],
    [105, 100, 'higher_better', 0.1, 75],
    [100, 100, 'higher_better', 0.1, 50],
    [95, 100, 'higher_better', 0.1, 25],
    [90, 100, 'higher_better', 0.1, 0],
    [80, 100, 'higher_better', 0.1, 0],
    [200, 100, 'higher_better', 0.1, 100],
    [110, 100, 'higher_better', 0.2, 75],
    [90, 100, 'lower_better', 0.1, 100],
    [95, 100, 'lower_better', 0.1, 75],
    [105, 100, 'lower_better', 0.1, 25],
    [-45, -50, 'higher_better', 0.1, 100],
    [-55, -50, 'higher_better', 0.1, 0],
    [-55, -50, 'lower_better', 0.1, 100],
    [103, 100, 'higher_better', 0.09, 66.67],
  ];
  it.each(table)('value %d on baseline %d %s full at %d → %d', (value, baseline, direction, fullMarkChange, expected) => {
    const scored = scoreImprovement(value, baseline, direction, fullMarkChange);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe('assessment.explain.improvement');
  });
  it('defaults full marks to a 10% change', () => {
    expect(scoreImprovement(110, 100, 'higher_better').subScore).toBe(100);
  });
  it.each([
    [1, 'higher_better', 100],
    [0, 'higher_better', 50],
    [-1, 'higher_better', 0],
    [1, 'lower_better', 0],
    [-1, 'lower_better', 100],
  ] as const)('a zero baseline: value %d %s → %d', (value, direction, expected) => {
    const scored = scoreImprovement(value, 0, direction);
    expect(scored.subScore).toBe(expected);
    expect(scored.explanation.key).toBe('assessment.explain.improvement_zero_baseline');
  });
  it.each([null, undefined, Number.NaN])('no baseline (%s) → null, explained', (baseline) => {
    const scored = scoreImprovement(110, baseline, 'higher_better');
    expect(scored.subScore).toBeNull();
    expect(scored.explanation.key).toBe('assessment.explain.no_baseline');
  });
});

describe('baselineYear', () => {
  it.each([
    [{ visibility: 'visible', lagYears: 0 }, 2024],
    [{ visibility: 'visible', lagYears: 3 }, 2024],
    [{ visibility: 'visible' }, 2024],
    [{ visibility: 'latent' }, 2024],
    [{ visibility: 'latent', lagYears: 0 }, 2024],
    [{ visibility: 'latent', lagYears: 1 }, 2024],
    [{ visibility: 'latent', lagYears: 3 }, 2022],
  ] as const)('%j in 2025 → %d', (indicator, expected) => {
    expect(baselineYear(2025, indicator)).toBe(expected);
  });
});

// ---------------------------------------------------------------- a small world

const INDICATORS: Indicator[] = [
  { id: 1, code: 'GDP', name: '地区生产总值增速', direction: 'higher_better', visibility: 'visible' },
  { id: 2, code: 'PM25', name: 'PM2.5年平均浓度', direction: 'lower_better', visibility: 'latent' },
  { id: 3, code: 'FOREST', name: '森林覆盖率', direction: 'higher_better', visibility: 'latent', lagYears: 3 },
  { id: 4, code: 'DEBT', name: '政府债务率', direction: 'lower_better', visibility: 'visible' },
];

const SCHEME: Scheme = {
  year: 2025,
  zone: 'urban_core',
  indicators: [
    { indicatorId: 1, weight: 20, method: 'target', target: 100 },
    { indicatorId: 2, weight: 20, method: 'target', target: 36, cap: 1.2 },
    { indicatorId: 3, weight: 15, method: 'improvement' },
    { indicatorId: 4, weight: 15, method: 'peer_minmax' },
  ],
  thirdPartyWeight: 15,
  satisfactionWeight: 15,
  deductions: [
    { kind: 'fake_achievement', pointsEach: 2, cap: 5 },
    { kind: 'statistical_fraud', pointsEach: 3, cap: 10 },
    { kind: 'rebound', pointsEach: 0.5, cap: 2 },
  ],
  gradeQuotas: QUOTAS,
};

const figures = (entries: [number, IndicatorValue][]): Map<number, IndicatorValue> => new Map(entries);

const WORLD: AssessmentInput = {
  scheme: SCHEME,
  indicators: INDICATORS,
  orgs: [
    { orgId: 1, name: '城关区', zone: 'urban_core' },
    { orgId: 2, name: '新城区', zone: 'urban_core' },
    { orgId: 3, name: '滨江区', zone: 'urban_core' },
    { orgId: 9, name: '山前县', zone: 'agricultural_county' },
  ],
  values: new Map([
    [
      1,
      figures([
        [1, { value: 95 }],
        [2, { value: 30 }],
        [3, { value: 110, baseline: 100 }],
        [4, { value: 50 }],
      ]),
    ],
    [
      2,
      figures([
        [1, { value: 100 }],
        [2, { value: 45 }],
        [4, { value: 70 }],
      ]),
    ],
    [
      3,
      figures([
        [1, { value: 80 }],
        [2, { value: 36 }],
        [3, { value: 100, baseline: null }],
        [4, { value: 90 }],
      ]),
    ],
    [
      9,
      figures([
        [1, { value: 1000 }],
        [4, { value: 0 }],
      ]),
    ],
  ]),
  thirdParty: { 1: 80, 2: 90, 3: 70, 9: 100 },
  satisfaction: new Map([
    [1, 90],
    [3, 70],
  ]),
  ledgerCounts: { 2: { fake_achievement: { count: 1, itemIds: [501] } } },
  history: { 1: { 2024: 'excellent' } },
};

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

describe('validateWeights', () => {
  it('accepts a sound scheme', () => {
    expect(validateWeights(SCHEME, INDICATORS)).toEqual({ ok: true });
  });

  it.each([
    [[20, 20, 15, 15], 15, 14.99, 99.99, 0.01],
    [[20, 20, 15, 10], 15, 15, 95, 5],
    [[20, 20, 15, 15.5], 15, 15, 100.5, -0.5],
  ])('weights %j + %d + %d sum to %d: gap %d', (weights, thirdPartyWeight, satisfactionWeight, sum, gap) => {
    const scheme: Scheme = {
      ...SCHEME,
      indicators: SCHEME.indicators.map((line, i) => ({ ...line, weight: weights[i] ?? 0 })),
      thirdPartyWeight,
      satisfactionWeight,
    };
    expect(errorsOf(scheme, INDICATORS)).toEqual([{ field: 'weights', reason: 'reason.assessment.weights_sum', params: { sum, gap } }]);
  });

  it('adds in hundredths, so 33.33 + 33.33 + 33.34 and 0.1 + 0.2 + 99.7 are exactly 100', () => {
    const three: SchemeIndicator[] = [
      { indicatorId: 1, weight: 33.33, method: 'peer_minmax' },
      { indicatorId: 2, weight: 33.33, method: 'peer_minmax' },
      { indicatorId: 3, weight: 33.34, method: 'peer_minmax' },
    ];
    expect(validateWeights({ ...SCHEME, indicators: three, thirdPartyWeight: 0, satisfactionWeight: 0 }, INDICATORS)).toEqual({ ok: true });
    expect(
      validateWeights(
        {
          ...SCHEME,
          indicators: three.slice(0, 2).map((line, i) => ({ ...line, weight: [0.1, 0.2][i] ?? 0 })),
          thirdPartyWeight: 99.7,
          satisfactionWeight: 0,
        },
        INDICATORS,
      ),
    ).toEqual({ ok: true });
    expect(weightSumOf({ indicators: three, thirdPartyWeight: 0, satisfactionWeight: 0 })).toBe(100);
  });

  const broken = (index: number, change: Partial<SchemeIndicator>): Scheme => ({
    ...SCHEME,
    indicators: SCHEME.indicators.map((line, i) => (i === index ? { ...line, ...change } : line)),
  });
  it.each([
    ['a zero weight', broken(3, { weight: 0 }), 'indicators.3.weight', 'reason.assessment.weight_not_positive'],
    ['a negative weight', broken(1, { weight: -20 }), 'indicators.1.weight', 'reason.assessment.weight_not_positive'],
    ['three decimals', broken(0, { weight: 20.001 }), 'indicators.0.weight', 'reason.assessment.weight_precision'],
    ['a missing target', broken(0, { target: undefined }), 'indicators.0.target', 'reason.assessment.target_missing'],
    ['a zero target on lower_better', broken(1, { target: 0 }), 'indicators.1.target', 'reason.assessment.target_not_positive'],
    ['a negative target on lower_better', broken(1, { target: -3 }), 'indicators.1.target', 'reason.assessment.target_not_positive'],
    ['a cap below 1', broken(1, { cap: 0.9 }), 'indicators.1.cap', 'reason.assessment.cap_below_one'],
    [
      'a zero full-mark change',
      broken(2, { fullMarkChange: 0 }),
      'indicators.2.fullMarkChange',
      'reason.assessment.full_mark_change_not_positive',
    ],
    ['an unknown indicator', broken(2, { indicatorId: 77 }), 'indicators.2.indicatorId', 'reason.assessment.unknown_indicator'],
  ])('names the field at fault for %s', (_label, scheme, field, reason) => {
    expect(errorsOf(scheme, INDICATORS).filter((error) => error.field !== 'weights')).toEqual([expect.objectContaining({ field, reason })]);
  });

  it('names a duplicate indicator and where it first appeared', () => {
    const scheme: Scheme = {
      ...SCHEME,
      indicators: [...SCHEME.indicators.slice(0, 3), { indicatorId: 1, weight: 15, method: 'peer_minmax' }],
    };
    expect(errorsOf(scheme, INDICATORS)).toEqual([
      { field: 'indicators.3.indicatorId', reason: 'reason.assessment.duplicate_indicator', params: { indicatorId: 1, firstIndex: 0 } },
    ]);
  });

  it('checks deductions and quotas', () => {
    const scheme: Scheme = {
      ...SCHEME,
      deductions: [
        { kind: 'rebound', pointsEach: 0, cap: 1 },
        { kind: 'rebound', pointsEach: 1, cap: -1 },
      ],
      maxDeduction: -2,
      gradeQuotas: { excellent: 0.5, good: 0.5, fair: 0.2 },
    };
    expect(errorsOf(scheme, INDICATORS).map((error) => `${error.field}:${error.reason}`)).toEqual([
      'deductions.0.pointsEach:reason.assessment.points_not_positive',
      'deductions.1.kind:reason.assessment.duplicate_deduction',
      'deductions.1.cap:reason.assessment.cap_negative',
      'maxDeduction:reason.assessment.cap_negative',
      'gradeQuotas:reason.assessment.quota_sum',
    ]);
  });

  it('reports every problem at once, the weight gap included', () => {
    const fields = errorsOf(broken(3, { weight: 0 }), INDICATORS).map((error) => error.field);
    expect(fields).toEqual(['indicators.3.weight', 'weights']);
  });
});

describe('ranks and grades', () => {
  const entries = (totals: number[]) => totals.map((total, i) => ({ orgId: i + 1, total }));
  const gradesOf = (totals: number[], quotas = QUOTAS): Grade[] => {
    const grades = assignGrades(entries(totals), quotas);
    return totals.map((_, i) => grades.get(i + 1) ?? 'poor');
  };

  it('competition ranks 1, 2, 2, 4', () => {
    const ranks = competitionRanks(entries([90, 80, 80, 70]));
    expect([...ranks.entries()]).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 4],
    ]);
    expect([...competitionRanks(entries([10, 20, 20, 5])).values()].sort()).toEqual([1, 1, 3, 4]);
  });

  it('ties compare in hundredths', () => {
    const ranks = competitionRanks([
      { orgId: 1, total: 0.1 + 0.2 },
      { orgId: 2, total: 0.3 },
    ]);
    expect(ranks.get(1)).toBe(1);
    expect(ranks.get(2)).toBe(1);
  });

  it.each([
    [10, { excellent: 2, good: 7, fair: 9, poor: 1 }],
    [100, { excellent: 20, good: 70, fair: 90, poor: 10 }],
    [3, { excellent: 0, good: 2, fair: 2, poor: 0 }],
    [4, { excellent: 0, good: 2, fair: 3, poor: 0 }],
    [5, { excellent: 1, good: 3, fair: 4, poor: 0 }],
    [1, { excellent: 0, good: 0, fair: 0, poor: 0 }],
    [0, { excellent: 0, good: 0, fair: 0, poor: 0 }],
  ])('quota counts for %d units (floor, cumulative, exact in basis points)', (n, expected) => {
    expect(quotaCounts(n, QUOTAS)).toEqual(expected);
  });

  it('fills quotas from the top without ties', () => {
    expect(gradesOf([100, 95, 90, 85, 80, 75, 70, 65, 60, 55])).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('a tie that fits the quota exactly stays in the grade', () => {
    expect(gradesOf([100, 100, 90, 85, 80, 75, 70, 65, 60, 55]).slice(0, 3)).toEqual(['excellent', 'excellent', 'good']);
  });

  it('a tie overflowing excellent drops whole to good', () => {
    expect(gradesOf([100, 90, 90, 85, 80, 75, 70, 65, 60, 55]).slice(0, 4)).toEqual(['excellent', 'good', 'good', 'good']);
  });

  it('a tie overflowing good at the boundary drops whole to fair', () => {
    // places 6, 7, 8 tie: 5 above + 3 tied = 8 > 7 good places.
    expect(gradesOf([100, 95, 90, 85, 80, 70, 70, 70, 60, 55])).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('a tie straddling the poor boundary is not poor: it stays fair', () => {
    expect(gradesOf([100, 95, 90, 85, 80, 75, 70, 65, 60, 60]).slice(8)).toEqual(['fair', 'fair']);
  });

  it('a tie may skip a grade', () => {
    // 4 tied at the top: excellent holds 2, good 7 → good; then 3 tied after 4 above: 7 ≤ 7 → good.
    expect(gradesOf([90, 90, 90, 90, 80, 80, 80, 70, 60, 50])).toEqual([
      'good',
      'good',
      'good',
      'good',
      'good',
      'good',
      'good',
      'fair',
      'fair',
      'poor',
    ]);
    // 8 tied at the top overflow good (7) and land in fair (9).
    expect(gradesOf([90, 90, 90, 90, 90, 90, 90, 90, 60, 50])).toEqual([
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'poor',
    ]);
  });

  it('all tied: nobody can be told apart, so all are fair (neither quota can hold them)', () => {
    expect(new Set(gradesOf(Array.from({ length: 10 }, () => 80)))).toEqual(new Set(['fair']));
  });

  it.each([
    [
      [90, 80, 70],
      ['good', 'good', 'fair'],
    ],
    [
      [90, 80, 70, 60],
      ['good', 'good', 'fair', 'fair'],
    ],
    [
      [90, 80, 70, 60, 50],
      ['excellent', 'good', 'good', 'fair', 'fair'],
    ],
    [[90], ['fair']],
  ])('small n: %j → %j', (totals, expected) => {
    expect(gradesOf(totals)).toEqual(expected);
  });
});

describe('whatIf', () => {
  it('shows rank movement and the live weight sum, which need not be 100', () => {
    const tried = whatIf(WORLD, { thirdPartyWeight: 0, satisfactionWeight: 0 });
    expect(tried.weightSum).toBe(70);
    expect(tried.isWeightSumValid).toBe(false);
    expect(tried.moves).toEqual([
      { orgId: 1, rankBefore: 1, rankAfter: 1, rankChange: 0, totalBefore: 98.5, totalAfter: 73, gradeBefore: 'good', gradeAfter: 'good' },
      { orgId: 2, rankBefore: 3, rankAfter: 2, rankChange: 1, totalBefore: 55, totalAfter: 41.5, gradeBefore: 'fair', gradeAfter: 'good' },
      { orgId: 3, rankBefore: 2, rankAfter: 3, rankChange: -1, totalBefore: 57, totalAfter: 36, gradeBefore: 'good', gradeAfter: 'fair' },
    ]);
  });

  it('changes indicator weights given as a map or a record, and reports ids the scheme does not weigh', () => {
    const asMap = whatIf(WORLD, {
      indicatorWeights: new Map([
        [4, 35],
        [8, 10],
      ]),
      satisfactionWeight: 0,
    });
    const asRecord = whatIf(WORLD, { indicatorWeights: { 4: 35, 8: 10 }, satisfactionWeight: 0 });
    expect(asRecord).toEqual(asMap);
    expect(asMap.weightSum).toBe(105);
    expect(asMap.ignoredIndicatorIds).toEqual([8]);
    const debt = asMap.run.results.find((result) => result.orgId === 1)?.lines.find((line) => line.code === 'DEBT');
    expect(debt).toMatchObject({ weight: 35, contribution: 35 });
  });

  it('with no change, nothing moves and the sum is 100', () => {
    const same = whatIf(WORLD, {});
    expect(same.isWeightSumValid).toBe(true);
    expect(same.moves.every((move) => move.rankChange === 0 && move.totalAfter === move.totalBefore)).toBe(true);
    expect(same.run).toEqual(computeResults(WORLD));
  });

  it('counts a negative weight as 0', () => {
    const tried = whatIf(WORLD, { indicatorWeights: { 1: -10 } });
    expect(tried.run.results.every((result) => result.lines[0]?.contribution === 0)).toBe(true);
    expect(tried.weightSum).toBe(80);
  });
});

describe('resultUse', () => {
  const result = (orgId: number, zone: string, rank: number, grade: Grade = 'fair') => ({ orgId, zone, rank, grade });

  it('连续三年优秀优先使用: excellent this year and the two before', () => {
    const history = new Map<number, Map<number, Grade>>([
      [
        1,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
        ]),
      ],
      [
        2,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'good'],
        ]),
      ],
      [
        4,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
      [
        5,
        new Map<number, Grade>([
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
      [
        6,
        new Map<number, Grade>([
          [2023, 'excellent'],
          [2024, 'excellent'],
          [2025, 'excellent'],
        ]),
      ],
    ]);
    const results = [result(1, 'a', 1, 'excellent'), result(2, 'a', 2, 'excellent'), result(6, 'a', 3, 'good')];
    const use = resultUse(history, 2025, results, {});
    // 6: this year's result (good) outranks a stale history entry.
    expect(use.priorityUse).toEqual([
      { orgId: 1, reason: { key: 'assessment.use.priority', params: { years: '2023,2024,2025', count: 3 } } },
      { orgId: 4, reason: { key: 'assessment.use.priority', params: { years: '2023,2024,2025', count: 3 } } },
    ]);
  });

  it('排名靠后且问题突出约谈: last of the zone (a tie for last is all last) with serious open problems', () => {
    const results = [result(1, 'a', 1), result(2, 'a', 2), result(3, 'a', 3), result(4, 'a', 3), result(5, 'b', 1), result(6, 'b', 2)];
    const use = resultUse({}, 2025, results, { 2: 5, 3: 1, 4: 0, 6: 2 });
    expect(use.admonition).toEqual([
      {
        orgId: 3,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: 'last_rank', rank: 3, zoneSize: 4, openSerious: 1, minSeriousOpen: 1 },
        },
      },
      {
        orgId: 6,
        reason: {
          key: 'assessment.use.admonition',
          params: { rule: 'last_rank', rank: 2, zoneSize: 2, openSerious: 2, minSeriousOpen: 1 },
        },
      },
    ]);
    expect(resultUse({}, 2025, results, { 3: 1, 6: 2 }, { minSeriousOpen: 2 }).admonition.map((pick) => pick.orgId)).toEqual([6]);
  });

  it('bottom share: floor(n × share) units, a tie straddling the line stays out, small zones have none', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => result(i + 1, 'a', i + 1));
    const serious = Object.fromEntries(twenty.map((r) => [r.orgId, 1]));
    expect(resultUse({}, 2025, twenty, serious, { bottom: 'bottom_share' }).admonition.map((pick) => pick.orgId)).toEqual([19, 20]);
    expect(
      resultUse({}, 2025, twenty, serious, { bottom: 'bottom_share', bottomShare: 0.25 }).admonition.map((pick) => pick.orgId),
    ).toEqual([16, 17, 18, 19, 20]);
    const straddling = twenty.map((r) => (r.orgId >= 18 ? { ...r, rank: 18 } : r));
    expect(resultUse({}, 2025, straddling, serious, { bottom: 'bottom_share' }).admonition).toEqual([]);
    const five = twenty.slice(0, 5);
    expect(resultUse({}, 2025, five, serious, { bottom: 'bottom_share' }).admonition).toEqual([]);
  });

  it('works on computed results', () => {
    const run = computeResults(WORLD);
    expect(resultUse({}, 2025, run.results, { 2: 1 }).admonition.map((pick) => pick.orgId)).toEqual([2]);
  });
});

// ---------------------------------------------------------------- invariant on random inputs

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
