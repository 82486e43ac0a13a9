import type { Principal, Role } from '../../platform/http.js';
import { inScope, PERMISSIONS } from '../org/index.js';
import { isOpen, nextStatus, type ItemAction, type ItemStatus } from './ledger.rules.js';

/** Roles that supervise: they assign, urge, review, reject, reopen, recheck and merge (督办、审核). */
export const SUPERVISOR_ROLES: readonly Role[] = PERMISSIONS['ledger.supervise'];
/** Roles that may put a problem on the ledger (出题). */
export const SUBMITTER_ROLES: readonly Role[] = PERMISSIONS['ledger.submit'];
/** Roles that may read ledger items in their scope. */
export const READER_ROLES: readonly Role[] = PERMISSIONS['ledger.read'];

/** The caller as the ledger policy sees them. */
export interface LedgerActor {
  userId: number;
  role: Role;
  /** The cadre (person id) the account is linked to, if any: makes them an item's lead leader. */
  personId: number | null;
  /** Is the item's responsible org within the caller's data scope? */
  itemInScope: boolean;
}

/** The item as the policy sees it. */
export interface ItemForPolicy {
  status: ItemStatus;
  handlerUserId: number | null;
  assignerUserId: number | null;
  isInPool: boolean;
  /** Who asked for the pending extension, if one is pending. */
  extensionRequesterId: number | null;
  /** The lead leader (牵头领导, a person id): urges, reviews and decides extensions whatever their role. */
  leadLeaderId: number | null;
  /** Is a 回头看 scheduled and not yet done? Only then may a closed item be rechecked. */
  recheckPending: boolean;
}

/** A refusal: the action is not for this user (forbidden) or not from this state (invalid_state). */
export type Decision = { ok: true } | { ok: false; reason: 'forbidden' | 'invalid_state' | 'not_found' };

/** May the role read the ledger (lists, items, stats) in its scope? */
export function mayReadLedger(role: Role): boolean {
  return READER_ROLES.includes(role);
}

/** Does the role supervise (assign, review, see every 机密 item in scope, pick assignees)? */
export function maySupervise(role: Role): boolean {
  return SUPERVISOR_ROLES.includes(role);
}

const isSupervisor = maySupervise;

/**
 * May this user take this step on this item? Scope first (out of scope is not found), then the
 * state machine, then who: the handler works the item; a supervisor, or the item's lead leader,
 * who is not the handler reviews it.
 */
export function mayAct(actor: LedgerActor, item: ItemForPolicy, action: ItemAction): Decision {
  if (!actor.itemInScope || !READER_ROLES.includes(actor.role)) return { ok: false, reason: 'not_found' };
  if (nextStatus(item.status, action) === null) return { ok: false, reason: 'invalid_state' };
  // 回头看 only when one is scheduled and not yet done (nextStatus already requires closed).
  if (action === 'recheck' && !item.recheckPending) return { ok: false, reason: 'invalid_state' };
  const isHandler = item.handlerUserId !== null && item.handlerUserId === actor.userId;
  const isLeadLeader = actor.personId !== null && actor.personId === item.leadLeaderId;
  const oversees = isSupervisor(actor.role) || isLeadLeader;
  let allowed: boolean;
  switch (action) {
    case 'claim':
      allowed = item.isInPool && (actor.role === 'handler' || actor.role === 'leader');
      break;
    case 'start':
    case 'request-closure':
    case 'request-extension':
      allowed = isHandler;
      break;
    case 'close':
    case 'return':
      // 销号 needs a second person: never the handler.
      allowed = oversees && !isHandler;
      break;
    case 'decide-extension':
      allowed =
        item.extensionRequesterId !== null &&
        item.extensionRequesterId !== actor.userId &&
        (oversees || item.assignerUserId === actor.userId);
      break;
    case 'urge':
      allowed = oversees;
      break;
    case 'assign':
    case 'reject':
    case 'reopen':
    case 'recheck':
    case 'merge':
      allowed = isSupervisor(actor.role);
      break;
  }
  return allowed ? { ok: true } : { ok: false, reason: 'forbidden' };
}

/** May the role create items? */
export function maySubmit(role: Role): boolean {
  return SUBMITTER_ROLES.includes(role);
}

/** The caller as the record checks see them. */
export type LedgerUser = Pick<Principal, 'userId' | 'role'>;

/** An item's people and state as the record checks see them. */
export interface ItemRecord {
  tenantId: number;
  status: string;
  confidentiality: string;
  isInPool: boolean;
  handlerUserId: number | null;
  createdBy: number | null;
  assignerUserId: number | null;
}

/** May the caller read a 机密 item? Supervisors, and the people working on it (handler, submitter, assigner). */
export function mayReadConfidential(user: LedgerUser, item: Pick<ItemRecord, 'handlerUserId' | 'createdBy' | 'assignerUserId'>): boolean {
  return isSupervisor(user.role) || [item.handlerUserId, item.createdBy, item.assignerUserId].includes(user.userId);
}

/**
 * May the caller open this item, as far as the record says: a reader of the same tenant, and for a 机密 item
 * one who may read it. Where the item sits (in the caller's scope, or in their pool) is asked of org: see mayReadItem.
 */
export function mayOpenItem(user: LedgerUser & Pick<Principal, 'tenantId'>, item: ItemRecord): boolean {
  if (item.tenantId !== user.tenantId || !mayReadLedger(user.role)) return false;
  return item.confidentiality !== 'confidential' || mayReadConfidential(user, item);
}

/** May the caller read the item: they may open it, and it is in their scope or in the pool open to them. */
export function mayReadItem(
  user: LedgerUser & Pick<Principal, 'tenantId'>,
  item: ItemRecord,
  reach: { inScope: boolean; inPool: boolean },
): boolean {
  return mayOpenItem(user, item) && (reach.inScope || reach.inPool);
}

/**
 * Is the item in the 领题池 open to the caller: published, waiting, not 机密, of their tenant, and concerning
 * an org (at `itemOrgPath`) at or above the caller's own (an org publishes to the units beneath it)?
 */
export function isInPoolOf(caller: Pick<Principal, 'tenantId' | 'orgPath'>, item: ItemRecord, itemOrgPath: string | null): boolean {
  return mayBeInPool(caller, item) && itemOrgPath !== null && caller.orgPath.startsWith(itemOrgPath);
}

/** Could the item be in a pool of the caller's tenant at all (asked before its org's path is looked up)? */
export function mayBeInPool(caller: Pick<Principal, 'tenantId'>, item: ItemRecord): boolean {
  return item.isInPool && item.status === 'submitted' && item.confidentiality !== 'confidential' && item.tenantId === caller.tenantId;
}

/**
 * May the caller change the item's fields? A supervisor while it is open and not under review, or its
 * creator (who may still submit) while it waits for 交办. A closed or reviewed item is invalid_state for all.
 */
export function mayEdit(user: LedgerUser, item: Pick<ItemRecord, 'status' | 'createdBy'>): Decision {
  const status = item.status as ItemStatus;
  if (!isOpen(status) || status === 'closure_requested') return { ok: false, reason: 'invalid_state' };
  if (isSupervisor(user.role)) return { ok: true };
  if (status === 'submitted' && item.createdBy === user.userId && maySubmit(user.role)) return { ok: true };
  return { ok: false, reason: 'forbidden' };
}

/** States in which the measures list (and the evidence) may change. */
const MEASURES_EDITABLE: readonly ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'];

/** May the caller change the measures or add evidence: the handler or a supervisor, while the item is open and not under review. */
export function mayEditMeasures(user: LedgerUser, item: Pick<ItemRecord, 'status' | 'handlerUserId'>): Decision {
  if (!MEASURES_EDITABLE.includes(item.status as ItemStatus)) return { ok: false, reason: 'invalid_state' };
  if (item.handlerUserId !== user.userId && !isSupervisor(user.role)) return { ok: false, reason: 'forbidden' };
  return { ok: true };
}

/** May the caller link and unlink related items: a supervisor, or the item's handler or submitter. */
export function mayLink(user: LedgerUser, item: Pick<ItemRecord, 'handlerUserId' | 'createdBy'>): boolean {
  return isSupervisor(user.role) || item.handlerUserId === user.userId || item.createdBy === user.userId;
}

/** May an item be handed to this account (交办): an enabled account in the caller's scope. */
export function mayAssignTo(
  caller: Pick<Principal, 'scope' | 'orgPath' | 'tenantId'>,
  handler: { orgTenantId: number; orgPath: string; isDisabled: boolean } | undefined,
): boolean {
  return !!handler && inScope(caller, handler.orgTenantId, handler.orgPath) && !handler.isDisabled;
}

/** The caller as mayAct sees them, for an item already found within their reach. */
export function policyActor(principal: Pick<Principal, 'userId' | 'role' | 'personId'>): LedgerActor {
  return { userId: principal.userId, role: principal.role, personId: principal.personId, itemInScope: true };
}

/** The item as mayAct sees it: its row and its extension requests (the pending one's requester). */
export function itemForPolicy(
  item: {
    status: string;
    handlerUserId: number | null;
    assignerUserId: number | null;
    leadLeaderId: number | null;
    isInPool: boolean;
    recheckDue: string | null;
  },
  extensions: readonly { status: string; requestedBy: number }[] = [],
): ItemForPolicy {
  const pending = extensions.find((e) => e.status === 'pending');
  return {
    status: item.status as ItemStatus,
    handlerUserId: item.handlerUserId,
    assignerUserId: item.assignerUserId,
    leadLeaderId: item.leadLeaderId,
    isInPool: item.isInPool,
    recheckPending: item.recheckDue !== null,
    extensionRequesterId: pending?.requestedBy ?? null,
  };
}
