import type { Principal, Role, Scope } from '../../platform/http.js';
import { ACCOUNT_ACTS, type AccountAct } from './org.contract.js';

export { ACCOUNT_ACTS, type AccountAct };

/** Actions on org-module records that the policy decides. */
export const PERMISSIONS = {
  'org.read': ['sysadmin', 'secadmin', 'auditor', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'org.write': ['sysadmin'],
  'person.read': ['sysadmin', 'secadmin', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'person.write': ['sysadmin', 'organization'],
  // 三员分立: the system administrator manages the system, not its content, so no contact numbers.
  'person.contact': ['leader', 'discipline', 'organization'],
  'user.read': ['sysadmin', 'secadmin'],
  // Business accounts are the system administrator's; the three admin accounts are the security administrator's
  // (mayActOnAccount decides each act on each account).
  'user.create': ['sysadmin', 'secadmin'],
  'user.role': ['secadmin'],
  'security.read': ['secadmin'],
  'security.write': ['secadmin'],
  'audit.read': ['auditor'],
  // Ledger permissions shown to the web client's menu; the ledger policy (ledger.policy.ts) decides each step.
  'ledger.read': ['leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'ledger.submit': ['leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'ledger.supervise': ['leader', 'discipline', 'organization', 'inspector'],
  // Reminder webhooks (group robots) and their deliveries: system configuration, so the system administrator.
  'notify.manage': ['sysadmin'],
  // 实绩考核: the organisation department designs schemes and computes results; leaders and supervisors read them;
  // units enter their own figures (in scope); 数据核查 is for the organisation, discipline and inspection offices.
  'assessment.read': ['leader', 'organization', 'discipline', 'inspector', 'handler'],
  'assessment.manage': ['organization'],
  'assessment.enter': ['organization', 'handler'],
  'integrity.run': ['organization', 'discipline', 'inspector'],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/** Roles that only the security administrator may hand out (三员分立). */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/** Does the role carry the permission? */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Every permission a role has (for the web client's menu). */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/** Is a record of the org at `orgPath` in tenant `tenantId` within the caller's data scope? */
export function inScope(principal: Pick<Principal, 'scope' | 'orgPath' | 'tenantId'>, tenantId: number, orgPath: string): boolean {
  if (tenantId !== principal.tenantId) return false;
  switch (principal.scope) {
    case 'all':
      return true;
    case 'subtree':
      return orgPath.startsWith(principal.orgPath);
    case 'own':
      return orgPath === principal.orgPath;
  }
}

/** What an account holds: its role and how far its data scope reaches. */
export interface Holding {
  role: Role;
  scope: Scope;
  orgPath: string;
  tenantId: number;
}

/** Does `inner` reach no further than `outer`? Nobody grants, or manages an account holding, more than they hold. */
export function reachesNoFurther(
  outer: Pick<Holding, 'scope' | 'orgPath' | 'tenantId'>,
  inner: Pick<Holding, 'scope' | 'orgPath' | 'tenantId'>,
): boolean {
  if (inner.tenantId !== outer.tenantId) return false;
  switch (outer.scope) {
    case 'all':
      return true;
    case 'subtree':
      return inner.scope !== 'all' && inner.orgPath.startsWith(outer.orgPath);
    case 'own':
      return inner.scope === 'own' && inner.orgPath === outer.orgPath;
  }
}

/** Why an act on an account is refused. */
export type AccountRefusal =
  /** The account (or the org it would go to) is outside the caller's scope: answered as not found. */
  | 'out_of_scope'
  /** One's own account is changed through one's own password page, never by oneself as an administrator. */
  | 'self'
  /** 三员分立: the accounts of the three administrators are the security administrator's alone. */
  | 'admin_account'
  /** The act is not this role's duty. */
  | 'not_your_duty'
  /** The account holds, or would hold, a wider scope than the caller. */
  | 'wider_than_yours';

/** Which acts on business accounts each administrator performs; on admin accounts the security administrator does all. */
const BUSINESS_ACCOUNT_DUTIES: Partial<Record<Role, readonly (AccountAct | 'create')[]>> = {
  sysadmin: ['create', 'update', 'lock', 'unlock', 'disable', 'enable', 'reset-password'],
  secadmin: ['set-role', 'lock', 'unlock'],
};

const isAdminRole = (role: Role) => ADMIN_ROLES.includes(role);

/**
 * May `actor` perform `act` on the account `target` (null when creating), leaving it holding `grant`?
 * One rule for every path that creates an account or sets its role, scope, org or lock:
 * the account and its grant lie in the caller's scope and reach no further than the caller's own;
 * nobody acts on their own account; the three admin accounts (and the admin roles) are handled by
 * the security administrator only, a security administrator's own by another one (or the CLI).
 */
export function mayActOnAccount(
  actor: Holding & { userId: number },
  target: (Holding & { userId: number }) | null,
  act: AccountAct | 'create',
  grant: Holding | null = target,
): { ok: true } | { ok: false; reason: AccountRefusal } {
  const refuse = (reason: AccountRefusal) => ({ ok: false as const, reason });
  if (target && !inScope(actor, target.tenantId, target.orgPath)) return refuse('out_of_scope');
  if (grant && !inScope(actor, grant.tenantId, grant.orgPath)) return refuse('out_of_scope');
  if (target && target.userId === actor.userId) return refuse('self');
  const touchesAdmin = (target !== null && isAdminRole(target.role)) || (grant !== null && isAdminRole(grant.role));
  if (touchesAdmin) {
    if (actor.role !== 'secadmin') return refuse('admin_account');
  } else if (!BUSINESS_ACCOUNT_DUTIES[actor.role]?.includes(act)) return refuse('not_your_duty');
  if (target && !reachesNoFurther(actor, target)) return refuse('wider_than_yours');
  if (grant && !reachesNoFurther(actor, grant)) return refuse('wider_than_yours');
  return { ok: true };
}

/** The acts the caller may perform on an account (for the user admin screen's buttons). */
export function accountActsFor(actor: Holding & { userId: number }, target: Holding & { userId: number }): AccountAct[] {
  return ACCOUNT_ACTS.filter((act) => mayActOnAccount(actor, target, act).ok);
}
