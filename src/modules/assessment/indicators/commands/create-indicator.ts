import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { TCreateIndicatorRequest, TIndicator } from '../../assessment.contract.js';
import { requireAct } from '../../assessment.policy.js';
import { presentIndicator } from '../../assessment.presenter.js';
import * as repo from '../indicators.repository.js';

/** A new indicator of the library: its code is unique in the tenant. */
export type CreateIndicatorInput = TCreateIndicatorRequest;

/** Adds an indicator to the library (组织部). */
export async function createIndicator(deps: AppDeps, actor: Actor, input: CreateIndicatorInput): Promise<TIndicator> {
  requireAct(actor.principal, 'manage_indicators');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if ((await repo.findIndicatorsByCodes(tx, actor.principal.tenantId, [input.code])).length)
      throw new AppError('conflict', { field: 'code', value: input.code });
    const [row] = await repo.createIndicators(tx, [
      {
        tenantId: actor.principal.tenantId,
        code: input.code,
        name: input.name,
        unit: input.unit ?? '',
        domain: input.domain,
        direction: input.direction,
        visibility: input.visibility,
        dataSource: input.dataSource ?? '',
        lagYears: input.visibility === 'latent' ? (input.lagYears ?? 0) : 0,
        family: input.family ?? null,
        isHard: input.isHard ?? false,
        description: input.description ?? '',
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!row) throw new Error('insert returned nothing');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'assessment.indicator.create', { type: 'indicator', id: row.id }, { code: row.code }),
    );
    return presentIndicator(row);
  });
}
