import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { requireScopedOrg, requireScopedPerson } from '../../org/index.js';
import type { TItemDetail, TUpdateItemRequest } from '../ledger.contract.js';
import { mayEdit } from '../ledger.policy.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import type { ledgerItems } from '../ledger.table.js';
import { searchTerms } from '../ledger.terms.js';
import { auditRefusal, eventBy, versionFrom } from './shared.js';

/** How an item's fields are changed. */
export interface UpdateItemOptions {
  /** The If-Match header: the version, when the body does not carry it. */
  ifMatch?: string | undefined;
}

/** The fields a PATCH copies as sent. */
const PLAIN_FIELDS = [
  'title',
  'description',
  'category',
  'source',
  'severity',
  'confidentiality',
  'responsiblePersonId',
  'leadLeaderId',
  'isLongTerm',
  'tags',
  'externalRef',
  'isInPool',
] as const;

/** Changes an item's fields (PATCH), version-checked; the change is an event and an audit entry. */
export async function updateItem(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TUpdateItemRequest,
  options: UpdateItemOptions = {},
): Promise<TItemDetail> {
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      const version = versionFrom(input.version, options.ifMatch);
      const item = await getScopedItem(tx, actor.principal, id);
      const decision = mayEdit(actor.principal, item);
      if (!decision.ok) {
        if (decision.reason === 'invalid_state')
          throw new AppError('unprocessable', { field: 'status', reason: 'reason.ledger.not_editable', status: `state.${item.status}` });
        throw new AppError('forbidden');
      }
      if (item.version !== version) throw new AppError('version_conflict');
      const { version: _v, ...fields } = input;
      const patch: Partial<typeof ledgerItems.$inferInsert> = {};
      if (fields.orgId !== undefined) patch.orgId = (await requireScopedOrg(tx, actor.principal, fields.orgId, 'orgId')).id;
      if (fields.responsibleOrgId !== undefined)
        patch.responsibleOrgId = (await requireScopedOrg(tx, actor.principal, fields.responsibleOrgId, 'responsibleOrgId')).id;
      if (fields.responsiblePersonId) await requireScopedPerson(tx, actor.principal, fields.responsiblePersonId, 'responsiblePersonId');
      if (fields.leadLeaderId) await requireScopedPerson(tx, actor.principal, fields.leadLeaderId, 'leadLeaderId');
      if (fields.deadline !== undefined && fields.deadline !== item.deadline) {
        // Once handed out, the deadline moves only through an approved extension (延期), so 时限 stays honest.
        if (item.status !== 'submitted')
          throw new AppError('unprocessable', { field: 'deadline', reason: 'reason.ledger.deadline_locked' });
        patch.deadline = fields.deadline;
        patch.originalDeadline = fields.deadline;
      }
      const source = fields.source ?? item.source;
      const externalRef = fields.externalRef === undefined ? item.externalRef : fields.externalRef;
      if (externalRef && (externalRef !== item.externalRef || source !== item.source)) {
        const other = await repo.findItemByExternalRef(tx, item.tenantId, source, externalRef);
        if (other && other.id !== item.id) throw new AppError('conflict', { field: 'externalRef', value: externalRef });
      }
      if (fields.isInPool !== undefined && fields.isInPool !== item.isInPool && item.status !== 'submitted')
        throw new AppError('unprocessable', {
          field: 'isInPool',
          reason: 'reason.ledger.pool_after_assign',
          status: `state.${item.status}`,
        });
      if ((fields.isInPool ?? item.isInPool) && (fields.confidentiality ?? item.confidentiality) === 'confidential')
        throw new AppError('validation', { field: 'isInPool', reason: 'reason.ledger.pool_confidential' });
      for (const key of PLAIN_FIELDS) {
        if (fields[key] !== undefined) (patch as Record<string, unknown>)[key] = fields[key];
      }
      if (patch.title !== undefined || patch.description !== undefined)
        patch.searchTerms = searchTerms(patch.title ?? item.title, patch.description ?? item.description);
      const changed = Object.keys(patch).filter(
        (k) =>
          k !== 'searchTerms' &&
          k !== 'originalDeadline' &&
          JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((item as Record<string, unknown>)[k]),
      );
      if (changed.length === 0) return;
      if (!(await repo.updateItem(tx, id, version, patch, now))) throw new AppError('version_conflict');
      await repo.createEvent(tx, eventBy(actor, now, item, 'edit', { comment: null, detail: { fields: changed } }));
      await appendAudit(tx, deps.crypto, auditBy(actor, now, 'ledger.edit', { type: 'ledger_item', id }, { fields: changed }));
    });
  } catch (error) {
    await auditRefusal(deps, actor, now, 'ledger.edit', id, error);
    throw error;
  }
  return getItem(deps, actor.principal, id);
}
