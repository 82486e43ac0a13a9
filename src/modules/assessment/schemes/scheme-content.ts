/** A scheme's content as the scoring rules see it, and the checks it passes before it is stored. */
import type { Db } from '../../../platform/db.js';
import { AppError } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import type { TSchemeRequest } from '../assessment.contract.js';
import { findIndicatorsByIds, type IndicatorRow } from '../indicators/indicators.repository.js';
import { validateWeights, type Indicator, type Scheme } from '../scoring.rules.js';

/** An indicator row as the scoring rules see it. */
export function toRuleIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    direction: r.direction as Indicator['direction'],
    visibility: r.visibility as Indicator['visibility'],
    lagYears: r.lagYears,
  };
}

/** A scheme request (or a stored scheme shaped like one) as the scoring rules see it: absent options left out. */
export function toRuleScheme(
  input: Pick<
    TSchemeRequest,
    'year' | 'zone' | 'indicators' | 'thirdPartyWeight' | 'satisfactionWeight' | 'deductions' | 'maxDeduction' | 'gradeQuotas'
  >,
): Scheme {
  return {
    year: input.year,
    zone: input.zone,
    indicators: input.indicators.map((l) => ({
      indicatorId: l.indicatorId,
      weight: l.weight,
      method: l.method,
      ...(l.target !== undefined && l.target !== null ? { target: l.target } : {}),
      ...(l.cap !== undefined && l.cap !== null ? { cap: l.cap } : {}),
      ...(l.fullMarkChange !== undefined && l.fullMarkChange !== null ? { fullMarkChange: l.fullMarkChange } : {}),
    })),
    thirdPartyWeight: input.thirdPartyWeight,
    satisfactionWeight: input.satisfactionWeight,
    deductions: input.deductions,
    ...(input.maxDeduction !== undefined && input.maxDeduction !== null ? { maxDeduction: input.maxDeduction } : {}),
    gradeQuotas: input.gradeQuotas,
  };
}

/** Checks a scheme's content: indicators of the tenant, weights summing to 100 (the gap named), methods complete. */
export async function checkScheme(db: Db, principal: Principal, input: TSchemeRequest): Promise<void> {
  const ids = input.indicators.map((l) => l.indicatorId);
  const found = (await findIndicatorsByIds(db, ids)).filter((i) => i.tenantId === principal.tenantId);
  const known = new Set(found.map((i) => i.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw new AppError('validation', { field: `indicators.${unknown}.indicatorId`, reason: 'reason.invalid' });
  const checked = validateWeights(toRuleScheme(input), found.map(toRuleIndicator));
  if (!checked.ok) {
    const [first] = checked.errors;
    if (first)
      throw new AppError('validation', { field: first.field, reason: first.reason, ...(first.params as Record<string, string | number>) });
  }
}

/** The lines of a scheme request as stored, in their order. */
export function schemeLines(input: TSchemeRequest) {
  return input.indicators.map((l, i) => ({
    indicatorId: l.indicatorId,
    weight: l.weight,
    method: l.method,
    target: l.target ?? null,
    cap: l.cap ?? null,
    fullMarkChange: l.fullMarkChange ?? null,
    sortOrder: i,
  }));
}
