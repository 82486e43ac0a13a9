import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { Locale } from '../../../../platform/i18n.js';
import { createItem } from '../../../ledger/index.js';
import { enforce, flagSettleRefusal, requireAct } from '../../assessment.policy.js';
import { presentFlag } from '../../assessment.presenter.js';
import { flagNames, requireFlag } from '../integrity.queries.js';
import { closeFlag } from '../integrity.repository.js';

/** The flag to refer, and the ledger item's title, description and deadline when the caller sets them. */
export interface ReferFlagInput {
  id: number;
  title?: string | undefined;
  description?: string | undefined;
  deadline?: string | undefined;
  locale: Locale;
}

/** Turns a flag into a ledger item (source integrity_check) for human verification: a flag is never a verdict. */
export async function referFlag(deps: AppDeps, actor: Actor, input: ReferFlagInput): Promise<{ itemId: number; code: string }> {
  requireAct(actor.principal, 'review_flags');
  const { id, locale } = input;
  const db = deps.database.db;
  const flag = await requireFlag(db, actor.principal, id);
  enforce(flagSettleRefusal(flag));
  const names = await flagNames(db, [flag]);
  const shown = presentFlag(flag, names, locale);
  const orgId = flag.orgId ?? actor.principal.orgId;
  const zh = locale !== 'en-US';
  // The ledger writes the item in its own transaction and audit entry; the flag is closed in the next.
  const item = await createItem(deps, actor, {
    kind: 'problem',
    title: (
      input.title ??
      (zh
        ? `数据核查：${shown.orgName ?? ''}${shown.indicatorName ? `「${shown.indicatorName}」` : ''}${flag.year ?? ''}年数据待核实`
        : `Integrity check: ${shown.orgName ?? ''} ${shown.indicatorName ?? ''} ${flag.year ?? ''} to verify`)
    ).slice(0, 200),
    description: (
      input.description ??
      `${shown.reason.text}\n${zh ? '（系统核查提示，须人工核实，不作为认定结论）' : '(A screening flag for human verification, not a finding.)'}`
    ).slice(0, 5000),
    category: 'statistical_fraud',
    source: 'integrity_check',
    orgId,
    confidentiality: 'internal',
    ...(input.deadline ? { deadline: input.deadline } : {}),
    externalRef: `FLAG-${flag.id}`,
  });
  const now = deps.now();
  await db.transaction(async (tx) => {
    if (!(await closeFlag(tx, id, { status: 'referred', ledgerItemId: item.id }, now))) throw new AppError('version_conflict');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'integrity.refer', { type: 'integrity_flag', id }, { itemId: item.id }));
  });
  return { itemId: item.id, code: item.code };
}
