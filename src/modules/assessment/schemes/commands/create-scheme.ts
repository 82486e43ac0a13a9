import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { TScheme, TSchemeRequest } from '../../assessment.contract.js';
import { requireAct } from '../../assessment.policy.js';
import { checkScheme, schemeLines } from '../scheme-content.js';
import { getScheme } from '../schemes.queries.js';
import * as repo from '../schemes.repository.js';

/** A new scheme: its year, zone and level (one current edition each), weights, deductions and quotas. */
export type CreateSchemeInput = TSchemeRequest;

/** Creates the scheme of a year, zone and level (差异化考核); one current edition each. */
export async function createScheme(deps: AppDeps, actor: Actor, input: CreateSchemeInput): Promise<TScheme> {
  requireAct(actor.principal, 'design_schemes');
  const now = deps.now();
  const id = await deps.database.db.transaction(async (tx) => {
    await checkScheme(tx, actor.principal, input);
    if (await repo.findCurrentScheme(tx, actor.principal.tenantId, input.year, input.zone, input.orgLevel))
      throw new AppError('conflict', { field: 'zone', value: `${input.year} ${input.zone}` });
    const row = await repo.createScheme(
      tx,
      {
        tenantId: actor.principal.tenantId,
        year: input.year,
        zone: input.zone,
        orgLevel: input.orgLevel,
        name: input.name,
        thirdPartyWeight: input.thirdPartyWeight,
        satisfactionWeight: input.satisfactionWeight,
        deductions: input.deductions,
        maxDeduction: input.maxDeduction ?? null,
        gradeQuotas: input.gradeQuotas,
        createdBy: actor.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      schemeLines(input),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.scheme.create', { type: 'scheme', id: row.id }, { year: input.year, zone: input.zone }),
    );
    return row.id;
  });
  return getScheme(deps, actor.principal, id);
}
