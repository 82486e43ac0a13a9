import { describe, expect, it } from 'vitest';
import { INDICATORS, SCHEME } from './scoring.fixtures.js';
import type { Indicator, Scheme, SchemeError, SchemeIndicator } from './scoring.rules.js';
import { validateWeights, weightSumOf } from './scoring.validation.js';

const errorsOf = (scheme: Scheme, indicators: readonly Indicator[]): SchemeError[] => {
  const outcome = validateWeights(scheme, indicators);
  return outcome.ok ? [] : outcome.errors;
};

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
