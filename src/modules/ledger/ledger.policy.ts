import type { Role } from '../../platform/http.js';
import { PERMISSIONS } from '../org/org.policy.js';
import { nextStatus, type ItemAction, type ItemStatus } from './ledger.rules.js';

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

const isSupervisor = (role: Role) => SUPERVISOR_ROLES.includes(role);

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
