import type { Principal, Role } from '../../platform/http.js';

/** Actions on org-module records that the policy decides. */
export const PERMISSIONS = {
  'org.read': ['sysadmin', 'secadmin', 'auditor', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'org.write': ['sysadmin'],
  'person.read': ['sysadmin', 'secadmin', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'],
  'person.write': ['sysadmin', 'organization'],
  'person.contact': ['sysadmin', 'leader', 'discipline', 'organization'],
  'user.read': ['sysadmin', 'secadmin'],
  'user.write': ['sysadmin'],
  'user.role': ['secadmin'],
  'security.read': ['secadmin'],
  'security.write': ['secadmin'],
  'audit.read': ['auditor'],
  // Ledger permissions shown to the web client's menu; the ledger policy (ledger.policy.ts) decides each step.
  'ledger.read': ['leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy', 'sysadmin'],
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

/** May the caller give a user this role? Admin roles only by the secadmin; nobody may change their own. */
export function canAssignRole(principal: Pick<Principal, 'role' | 'userId'>, targetUserId: number, role: Role): boolean {
  if (principal.userId === targetUserId) return false;
  if (ADMIN_ROLES.includes(role)) return principal.role === 'secadmin';
  return principal.role === 'secadmin' || principal.role === 'sysadmin';
}
