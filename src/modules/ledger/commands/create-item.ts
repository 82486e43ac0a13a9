import { createHash } from 'node:crypto';
import { appendAudit, canonicalJson } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { localYear } from '../../../platform/time.js';
import { requireScopedOrg, requireScopedPerson } from '../../org/index.js';
import type { TCreateItemRequest, TItemDetail } from '../ledger.contract.js';
import { maySubmit } from '../ledger.policy.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { itemCode, type ItemKind } from '../ledger.rules.js';
import { searchTerms } from '../ledger.terms.js';
import { eventBy } from './shared.js';

/** How an item is created. */
export interface CreateItemOptions {
  /** The request's Idempotency-Key: the same key and body answer with the item made the first time. */
  idempotencyKey?: string | undefined;
}

/** Creates a ledger item (出题) with its measures, in one transaction. */
export async function createItem(
  deps: AppDeps,
  actor: Actor,
  input: TCreateItemRequest,
  options: CreateItemOptions = {},
): Promise<TItemDetail> {
  const { idempotencyKey } = options;
  if (!maySubmit(actor.principal.role)) throw new AppError('forbidden');
  const now = deps.now();
  const db = deps.database.db;
  const bodyHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
  const id = await db.transaction(async (tx) => {
    if (idempotencyKey) {
      // The key row is written first: a concurrent request with the same key waits on it, then replays.
      const claimed = await repo.claimIdempotencyKey(tx, actor.principal.userId, idempotencyKey, bodyHash, now);
      if (!claimed) {
        const first = await repo.findIdempotencyKey(tx, actor.principal.userId, idempotencyKey);
        if (!first || first.bodyHash !== bodyHash || first.itemId === null)
          throw new AppError('unprocessable', { field: 'Idempotency-Key', reason: 'reason.ledger.idempotency_body' });
        return first.itemId;
      }
    }
    const org = await requireScopedOrg(tx, actor.principal, input.orgId, 'orgId');
    const responsible = input.responsibleOrgId
      ? await requireScopedOrg(tx, actor.principal, input.responsibleOrgId, 'responsibleOrgId')
      : org;
    if (input.responsiblePersonId) await requireScopedPerson(tx, actor.principal, input.responsiblePersonId, 'responsiblePersonId');
    if (input.leadLeaderId) await requireScopedPerson(tx, actor.principal, input.leadLeaderId, 'leadLeaderId');
    for (const [i, m] of (input.measures ?? []).entries())
      if (m.ownerPersonId) await requireScopedPerson(tx, actor.principal, m.ownerPersonId, `measures.${i}.ownerPersonId`);
    if (input.externalRef && (await repo.findItemByExternalRef(tx, org.tenantId, input.source, input.externalRef)))
      throw new AppError('conflict', { field: 'externalRef', value: input.externalRef });
    if (input.isInPool && input.confidentiality === 'confidential')
      throw new AppError('validation', { field: 'isInPool', reason: 'reason.ledger.pool_confidential' });
    const year = localYear(now);
    const kind = input.kind as ItemKind;
    const prefix = itemCode(kind, year, 0).slice(0, 2);
    const code = itemCode(kind, year, await repo.nextCodeNumber(tx, org.tenantId, prefix, year));
    const item = await repo.createItem(tx, {
      tenantId: org.tenantId,
      code,
      kind,
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      source: input.source,
      severity: input.severity ?? 'general',
      confidentiality: input.confidentiality ?? 'internal',
      orgId: org.id,
      responsibleOrgId: responsible.id,
      responsiblePersonId: input.responsiblePersonId ?? null,
      leadLeaderId: input.leadLeaderId ?? null,
      status: 'submitted',
      deadline: input.deadline ?? null,
      originalDeadline: input.deadline ?? null,
      isLongTerm: input.isLongTerm ?? false,
      tags: input.tags ?? [],
      externalRef: input.externalRef ?? null,
      isInPool: input.isInPool ?? false,
      searchTerms: searchTerms(input.title, input.description ?? ''),
      measuresTotal: input.measures?.length ?? 0,
      createdBy: actor.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.createMeasures(
      tx,
      (input.measures ?? []).map((m, i) => ({
        tenantId: item.tenantId,
        itemId: item.id,
        content: m.content,
        ownerPersonId: m.ownerPersonId ?? null,
        dueDate: m.dueDate ?? null,
        isMilestone: m.isMilestone ?? false,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.createEvent(tx, eventBy(actor, now, item, 'submit', { toStatus: 'submitted' }));
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'ledger.create', { type: 'ledger_item', id: item.id }, { code, title: item.title }),
    );
    if (idempotencyKey) await repo.completeIdempotencyKey(tx, actor.principal.userId, idempotencyKey, item.id);
    return item.id;
  });
  return getItem(deps, actor.principal, id);
}
