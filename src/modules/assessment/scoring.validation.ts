/** Checks a scheme before it is used: weights that sum to 100, complete methods, sane deductions and quotas. */
import { fromHundredths, toHundredths } from './scoring.arithmetic.js';
import type { Indicator, Scheme, SchemeError, SchemeValidation } from './scoring.rules.js';

/** Sum of the scheme's weights in points (hundredths-exact), shown live by the what-if UI. */
export function weightSumOf(scheme: Pick<Scheme, 'indicators' | 'thirdPartyWeight' | 'satisfactionWeight'>): number {
  const h =
    scheme.indicators.reduce((sum, line) => sum + toHundredths(line.weight), 0) +
    toHundredths(scheme.thirdPartyWeight) +
    toHundredths(scheme.satisfactionWeight);
  return fromHundredths(h);
}

function hasMoreThanTwoDecimals(x: number): boolean {
  return Math.abs(x * 100 - Math.round(x * 100)) > 1e-6;
}

/**
 * Checks a scheme before it is used: weights (indicators + third party + satisfaction) sum to exactly 100
 * in hundredths, each indicator weight > 0 with at most 2 decimals, no indicator twice, targets present
 * and > 0 (attainment is a ratio, for both directions), caps ≥ 1, sane deductions and quotas.
 */
export function validateWeights(scheme: Scheme, indicators: readonly Indicator[]): SchemeValidation {
  const errors: SchemeError[] = [];
  const known = new Set(indicators.map((indicator) => indicator.id));
  const firstIndex = new Map<number, number>();
  const checkWeight = (field: string, weight: number, mustBePositive: boolean): void => {
    if (!Number.isFinite(weight)) errors.push({ field, reason: 'reason.assessment.weight_invalid', params: {} });
    else if (mustBePositive ? weight <= 0 : weight < 0)
      errors.push({
        field,
        reason: mustBePositive ? 'reason.assessment.weight_not_positive' : 'reason.assessment.weight_negative',
        params: { weight },
      });
    else if (hasMoreThanTwoDecimals(weight))
      errors.push({ field, reason: 'reason.assessment.weight_precision', params: { weight, maxDecimals: 2 } });
  };

  scheme.indicators.forEach((line, i) => {
    const at = `indicators.${i}`;
    if (!known.has(line.indicatorId))
      errors.push({ field: `${at}.indicatorId`, reason: 'reason.assessment.unknown_indicator', params: { indicatorId: line.indicatorId } });
    const first = firstIndex.get(line.indicatorId);
    if (first !== undefined)
      errors.push({
        field: `${at}.indicatorId`,
        reason: 'reason.assessment.duplicate_indicator',
        params: { indicatorId: line.indicatorId, firstIndex: first },
      });
    else firstIndex.set(line.indicatorId, i);
    checkWeight(`${at}.weight`, line.weight, true);
    if (line.method === 'target') {
      if (line.target === undefined || !Number.isFinite(line.target))
        errors.push({ field: `${at}.target`, reason: 'reason.assessment.target_missing', params: {} });
      else if (line.target <= 0)
        errors.push({ field: `${at}.target`, reason: 'reason.assessment.target_not_positive', params: { target: line.target } });
      if (line.cap !== undefined && !(line.cap >= 1))
        errors.push({ field: `${at}.cap`, reason: 'reason.assessment.cap_below_one', params: { cap: line.cap } });
    }
    if (line.method === 'improvement' && line.fullMarkChange !== undefined && !(line.fullMarkChange > 0)) {
      errors.push({
        field: `${at}.fullMarkChange`,
        reason: 'reason.assessment.full_mark_change_not_positive',
        params: { fullMarkChange: line.fullMarkChange },
      });
    }
  });
  checkWeight('thirdPartyWeight', scheme.thirdPartyWeight, false);
  checkWeight('satisfactionWeight', scheme.satisfactionWeight, false);

  const sumH =
    scheme.indicators.reduce((sum, line) => sum + (Number.isFinite(line.weight) ? toHundredths(line.weight) : 0), 0) +
    (Number.isFinite(scheme.thirdPartyWeight) ? toHundredths(scheme.thirdPartyWeight) : 0) +
    (Number.isFinite(scheme.satisfactionWeight) ? toHundredths(scheme.satisfactionWeight) : 0);
  if (sumH !== 10_000)
    errors.push({
      field: 'weights',
      reason: 'reason.assessment.weights_sum',
      params: { sum: fromHundredths(sumH), gap: fromHundredths(10_000 - sumH) },
    });

  const kinds = new Set<string>();
  scheme.deductions.forEach((rule, i) => {
    const at = `deductions.${i}`;
    if (kinds.has(rule.kind))
      errors.push({ field: `${at}.kind`, reason: 'reason.assessment.duplicate_deduction', params: { kind: rule.kind } });
    kinds.add(rule.kind);
    if (!(rule.pointsEach > 0))
      errors.push({ field: `${at}.pointsEach`, reason: 'reason.assessment.points_not_positive', params: { pointsEach: rule.pointsEach } });
    if (!(rule.cap >= 0)) errors.push({ field: `${at}.cap`, reason: 'reason.assessment.cap_negative', params: { cap: rule.cap } });
  });
  if (scheme.maxDeduction !== undefined && !(scheme.maxDeduction >= 0))
    errors.push({ field: 'maxDeduction', reason: 'reason.assessment.cap_negative', params: { cap: scheme.maxDeduction } });

  let quotaBp = 0;
  for (const grade of ['excellent', 'good', 'fair'] as const) {
    const share = scheme.gradeQuotas[grade];
    if (!(share >= 0 && share <= 1))
      errors.push({ field: `gradeQuotas.${grade}`, reason: 'reason.assessment.quota_range', params: { share } });
    else quotaBp += Math.round(share * 10_000);
  }
  if (quotaBp > 10_000) errors.push({ field: 'gradeQuotas', reason: 'reason.assessment.quota_sum', params: { sum: quotaBp / 10_000 } });

  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
