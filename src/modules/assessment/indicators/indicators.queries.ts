import type { AppDeps } from '../../../platform/context.js';
import type { Principal } from '../../../platform/http.js';
import type { TIndicator } from '../assessment.contract.js';
import { requireAct } from '../assessment.policy.js';
import { presentIndicator } from '../assessment.presenter.js';
import * as repo from './indicators.repository.js';

/** What the indicator library is filtered by. */
export interface IndicatorQuery {
  domain?: string | undefined;
  visibility?: string | undefined;
  q?: string | undefined;
  includeInactive?: boolean | undefined;
}

/** The indicator library of the caller's tenant. */
export async function listIndicators(deps: AppDeps, principal: Principal, query: IndicatorQuery): Promise<TIndicator[]> {
  requireAct(principal, 'read');
  return (await repo.findIndicators(deps.database.db, principal.tenantId, query)).map(presentIndicator);
}
