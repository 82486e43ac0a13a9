import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { TScheme, TSchemeRequest } from '../../assessment.contract.js';
import { enforce, requireAct, schemeChangeRefusal } from '../../assessment.policy.js';
import { checkScheme, schemeLines } from '../scheme-content.js';
import { getScheme, requireScheme } from '../schemes.queries.js';
import * as repo from '../schemes.repository.js';

/** Which scheme changes, and its new content (with the version it was read at; year, zone and level stay). */
export interface UpdateSchemeInput {
  id: number;
  scheme: TSchemeRequest;
}

/**
 * Changes a scheme. Without results it is replaced in place; once results were computed with it, the change makes a
 * new edition and the old one (and its results) stays as it was — a changed scheme never rewrites last year's results.
 */
export async function updateScheme(deps: AppDeps, actor: Actor, change: UpdateSchemeInput): Promise<TScheme> {
  requireAct(actor.principal, 'design_schemes');
  const { id, scheme: input } = change;
  const now = deps.now();
  const newId = await deps.database.db.transaction(async (tx) => {
    const current = await requireScheme(tx, actor.principal, id);
    enforce(schemeChangeRefusal(current));
    if (input.version === undefined) throw new AppError('validation', { field: 'version', reason: 'reason.required' });
    if (input.year !== current.year || input.zone !== current.zone || input.orgLevel !== current.orgLevel)
      throw new AppError('validation', { field: 'year', reason: 'reason.assessment.scheme_key' });
    await checkScheme(tx, actor.principal, input);
    const hasResults = ((await repo.resultStats(tx, [id])).get(id)?.n ?? 0) > 0;
    const content = {
      name: input.name,
      thirdPartyWeight: input.thirdPartyWeight,
      satisfactionWeight: input.satisfactionWeight,
      deductions: input.deductions,
      maxDeduction: input.maxDeduction ?? null,
      gradeQuotas: input.gradeQuotas,
    };
    if (!hasResults) {
      if (!(await repo.replaceScheme(tx, id, input.version, content, schemeLines(input), now))) throw new AppError('version_conflict');
      await appendAudit(
        tx,
        deps.crypto,
        auditBy(actor, now, 'assessment.scheme.update', { type: 'scheme', id }, { edition: current.edition }),
      );
      return id;
    }
    if (!(await repo.supersedeScheme(tx, id, input.version, now))) throw new AppError('version_conflict');
    const row = await repo.createScheme(
      tx,
      {
        tenantId: current.tenantId,
        year: current.year,
        zone: current.zone,
        orgLevel: current.orgLevel,
        edition: current.edition + 1,
        ...content,
        createdBy: actor.principal.userId,
        createdAt: now,
        updatedAt: now,
      },
      schemeLines(input),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.scheme.edition', { type: 'scheme', id: row.id }, { previous: id, edition: row.edition }),
    );
    return row.id;
  });
  return getScheme(deps, actor.principal, newId);
}
