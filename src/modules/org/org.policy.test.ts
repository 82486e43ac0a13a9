import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/http.js';
import { can, canAssignRole, inScope, PERMISSIONS, type Permission } from './org.policy.js';

const subject = (scope: 'own' | 'subtree' | 'all') => ({ scope, orgPath: '/1/4/', tenantId: 1 });

describe('data scope', () => {
  it.each([
    ['all', 1, '/1/', true],
    ['all', 1, '/1/9/', true],
    ['all', 2, '/2/', false],
    ['subtree', 1, '/1/4/', true],
    ['subtree', 1, '/1/4/17/', true],
    ['subtree', 1, '/1/', false],
    ['subtree', 1, '/1/40/', false],
    ['subtree', 2, '/1/4/17/', false],
    ['own', 1, '/1/4/', true],
    ['own', 1, '/1/4/17/', false],
    ['own', 1, '/1/', false],
  ] as const)('%s scope sees tenant %i org %s: %s', (scope, tenant, path, expected) => {
    expect(inScope(subject(scope), tenant, path)).toBe(expected);
  });
});

describe('三员分立: separation of admin duties', () => {
  const table: [Role, Permission, boolean][] = [
    ['sysadmin', 'org.write', true],
    ['sysadmin', 'user.write', true],
    ['sysadmin', 'audit.read', false],
    ['sysadmin', 'user.role', false],
    ['auditor', 'audit.read', true],
    ['auditor', 'org.write', false],
    ['auditor', 'person.write', false],
    ['auditor', 'user.write', false],
    ['auditor', 'person.read', false],
    ['secadmin', 'user.role', true],
    ['secadmin', 'security.read', true],
    ['secadmin', 'audit.read', false],
    ['secadmin', 'org.write', false],
    ['organization', 'person.write', true],
    ['handler', 'person.write', false],
    ['handler', 'person.contact', false],
    ['discipline', 'person.contact', true],
  ];
  it.each(table)('%s may %s: %s', (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it('the auditor holds no write permission at all', () => {
    const writes = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => /write|role/.test(p));
    for (const p of writes) expect(can('auditor', p)).toBe(false);
  });

  it('only the secadmin hands out admin roles, and nobody changes their own role', () => {
    for (const role of ROLES) {
      const admin = ['sysadmin', 'secadmin', 'auditor'].includes(role);
      expect(canAssignRole({ role: 'secadmin', userId: 1 }, 2, role)).toBe(true);
      expect(canAssignRole({ role: 'sysadmin', userId: 1 }, 2, role)).toBe(!admin);
      expect(canAssignRole({ role: 'secadmin', userId: 1 }, 1, role)).toBe(false);
    }
  });
});
