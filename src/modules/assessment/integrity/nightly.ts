import { appendAudit } from '../../../platform/audit.js';
import type { AppDeps } from '../../../platform/context.js';
import { localDate, localHour, localYear } from '../../../platform/time.js';
import { tenantIds } from '../../org/index.js';
import { claimNightlyRun, finishNightlyRun } from './integrity.repository.js';
import { runIntegrityChecks } from './run-checks.js';

/** Hour (in the deployment's time zone, SHIJI_TZ) from which the nightly 数据核查 runs. */
const NIGHTLY_HOUR = 2;

/**
 * The nightly 数据核查: once a day after 02:00, per tenant, over the last complete year's figures. Claimed in the
 * database, so several servers run it once; a failure is reported and retried the next day.
 */
export async function runNightlyIntegrity(deps: AppDeps, now: Date): Promise<number> {
  if (localHour(now) < NIGHTLY_HOUR) return 0;
  const today = localDate(now);
  const year = localYear(now) - 1;
  let runs = 0;
  for (const tenantId of await tenantIds(deps.database.db)) {
    if (!(await claimNightlyRun(deps.database.db, tenantId, today, year, now))) continue;
    const summary = await deps.database.db.transaction(async (tx) => {
      const result = await runIntegrityChecks(tx, tenantId, year, now);
      await appendAudit(tx, deps.crypto, {
        actorId: null,
        actorName: 'system',
        action: 'integrity.nightly',
        targetType: 'integrity',
        targetId: null,
        outcome: 'success',
        detail: { year, flags: result.flags, newFlags: result.newFlags },
        at: now,
      });
      return result;
    });
    await finishNightlyRun(deps.database.db, tenantId, today, summary.flags, deps.now());
    runs += 1;
  }
  return runs;
}
