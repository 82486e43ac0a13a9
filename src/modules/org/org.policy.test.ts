import { describe, expect, it } from 'vitest';
import { ROLES, type Role, type Scope } from '../../platform/http.js';
import {
  ACCOUNT_ACTS,
  accountActsFor,
  can,
  inScope,
  mayActOnAccount,
  PERMISSIONS,
  reachesNoFurther,
  type AccountAct,
  type AccountRefusal,
  type Permission,
} from './org.policy.js';

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
    ['sysadmin', 'audit.read', false],
    ['sysadmin', 'user.role', false],
    ['auditor', 'audit.read', true],
    ['auditor', 'org.write', false],
    ['auditor', 'person.write', false],
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
    const city = { scope: 'all' as const, orgPath: '/1/', tenantId: 1 };
    for (const role of ROLES) {
      const admin = ['sysadmin', 'secadmin', 'auditor'].includes(role);
      const target = { userId: 2, role: 'handler' as Role, ...city };
      const grant = { ...target, role };
      expect(mayActOnAccount({ userId: 1, role: 'secadmin', ...city }, target, 'set-role', grant).ok).toBe(true);
      expect(mayActOnAccount({ userId: 1, role: 'sysadmin', ...city }, null, 'create', grant).ok).toBe(!admin);
      expect(mayActOnAccount({ userId: 2, role: 'secadmin', ...city }, target, 'set-role', grant)).toEqual({ ok: false, reason: 'self' });
    }
  });
});

describe('reach: nobody grants more than they hold', () => {
  const at = (scope: Scope, orgPath: string, tenantId = 1) => ({ scope, orgPath, tenantId });
  it.each([
    // holder, granted, allowed
    [at('all', '/1/'), at('all', '/1/'), true],
    [at('all', '/1/'), at('subtree', '/1/4/'), true],
    [at('all', '/1/'), at('all', '/2/', 2), false],
    [at('subtree', '/1/4/'), at('all', '/1/4/'), false],
    [at('subtree', '/1/4/'), at('subtree', '/1/4/'), true],
    [at('subtree', '/1/4/'), at('subtree', '/1/4/17/'), true],
    [at('subtree', '/1/4/'), at('own', '/1/4/17/'), true],
    [at('subtree', '/1/4/'), at('subtree', '/1/'), false],
    [at('subtree', '/1/4/'), at('own', '/1/40/'), false],
    [at('own', '/1/4/'), at('own', '/1/4/'), true],
    [at('own', '/1/4/'), at('subtree', '/1/4/'), false],
    [at('own', '/1/4/'), at('own', '/1/4/17/'), false],
  ] as const)('%o may grant %o: %s', (holder, granted, allowed) => {
    expect(reachesNoFurther(holder, granted)).toBe(allowed);
  });
});

describe('acts on accounts: one rule for create, update, role, locks and password resets', () => {
  type Where = { scope: Scope; orgPath: string; tenantId: number };
  const county: Where = { scope: 'subtree', orgPath: '/1/4/', tenantId: 1 };
  const city: Where = { scope: 'all', orgPath: '/1/', tenantId: 1 };
  const actor = (role: Role, where: Where = city, userId = 1) => ({ userId, role, ...where });
  const account = (role: Role, where: Where = { scope: 'own', orgPath: '/1/4/17/', tenantId: 1 }, userId = 9) => ({
    userId,
    role,
    ...where,
  });
  type Row = [
    string,
    ReturnType<typeof actor>,
    ReturnType<typeof account> | null,
    AccountAct | 'create',
    ReturnType<typeof account> | null,
    true | AccountRefusal,
  ];
  const table: Row[] = [
    // The defect: a county sysadmin minting a city-wide leader inside the county.
    [
      'county sysadmin creates a city-wide user in the county',
      actor('sysadmin', county),
      null,
      'create',
      account('leader', { scope: 'all', orgPath: '/1/4/17/', tenantId: 1 }),
      'wider_than_yours',
    ],
    ['county sysadmin creates a county user', actor('sysadmin', county), null, 'create', account('leader', county), true],
    [
      'county sysadmin creates a user in another county',
      actor('sysadmin', county),
      null,
      'create',
      account('handler', { scope: 'own', orgPath: '/1/5/', tenantId: 1 }),
      'out_of_scope',
    ],
    ['city sysadmin creates a city-wide leader', actor('sysadmin'), null, 'create', account('leader', city), true],
    ['sysadmin creates an auditor', actor('sysadmin'), null, 'create', account('auditor', city), 'admin_account'],
    ['secadmin creates an auditor', actor('secadmin'), null, 'create', account('auditor', city), true],
    ['secadmin creates a business account', actor('secadmin'), null, 'create', account('handler'), 'not_your_duty'],
    [
      'county secadmin creates a city-wide secadmin',
      actor('secadmin', county),
      null,
      'create',
      account('secadmin', { scope: 'all', orgPath: '/1/4/', tenantId: 1 }),
      'wider_than_yours',
    ],
    ['leader creates anything', actor('leader'), null, 'create', account('handler'), 'not_your_duty'],
    // 三员分立: the sysadmin cannot touch the other two (nor another sysadmin).
    ['sysadmin resets the auditor’s password', actor('sysadmin'), account('auditor', city), 'reset-password', null, 'admin_account'],
    ['sysadmin locks the secadmin', actor('sysadmin'), account('secadmin', city), 'lock', null, 'admin_account'],
    ['sysadmin unlocks another sysadmin', actor('sysadmin'), account('sysadmin', county), 'unlock', null, 'admin_account'],
    ['auditor locks the sysadmin', actor('auditor'), account('sysadmin', city), 'lock', null, 'admin_account'],
    ['secadmin resets the auditor’s password', actor('secadmin'), account('auditor', city), 'reset-password', null, true],
    ['secadmin locks the sysadmin', actor('secadmin'), account('sysadmin', city), 'lock', null, true],
    ['secadmin unlocks another secadmin', actor('secadmin'), account('secadmin', city), 'unlock', null, true],
    ['secadmin resets their own password here', actor('secadmin', city, 9), account('secadmin', city), 'reset-password', null, 'self'],
    ['secadmin resets a handler’s password', actor('secadmin'), account('handler'), 'reset-password', null, 'not_your_duty'],
    ['secadmin unlocks a handler', actor('secadmin'), account('handler'), 'unlock', null, true],
    ['sysadmin disables a handler', actor('sysadmin'), account('handler'), 'disable', null, true],
    ['sysadmin sets a role', actor('sysadmin'), account('handler'), 'set-role', account('leader'), 'not_your_duty'],
    ['sysadmin locks themselves', actor('sysadmin', city, 9), account('sysadmin', city), 'lock', null, 'self'],
    // Managing an account that holds more than you is taking it over.
    [
      'county sysadmin resets a city-wide user placed in the county',
      actor('sysadmin', county),
      account('leader', { scope: 'all', orgPath: '/1/4/17/', tenantId: 1 }),
      'reset-password',
      null,
      'wider_than_yours',
    ],
    [
      'county sysadmin moves a county user to the city',
      actor('sysadmin', county),
      account('handler'),
      'update',
      account('handler', { scope: 'own', orgPath: '/1/', tenantId: 1 }),
      'out_of_scope',
    ],
    [
      'county secadmin widens a county user to all',
      actor('secadmin', county),
      account('handler'),
      'set-role',
      account('handler', { scope: 'all', orgPath: '/1/4/17/', tenantId: 1 }),
      'wider_than_yours',
    ],
    [
      'county secadmin sets a county leader',
      actor('secadmin', county),
      account('handler'),
      'set-role',
      account('leader', { scope: 'subtree', orgPath: '/1/4/17/', tenantId: 1 }),
      true,
    ],
    [
      'another tenant’s account',
      actor('secadmin'),
      account('handler', { scope: 'own', orgPath: '/2/', tenantId: 2 }),
      'lock',
      null,
      'out_of_scope',
    ],
  ];
  it.each(table)('%s', (_name, who, target, act, grant, expected) => {
    const decision = mayActOnAccount(who, target, act, grant ?? target);
    expect(decision).toEqual(expected === true ? { ok: true } : { ok: false, reason: expected });
  });

  it('lists only the acts the rule allows', () => {
    expect(accountActsFor(actor('sysadmin'), account('handler'))).toEqual([
      'update',
      'lock',
      'unlock',
      'disable',
      'enable',
      'reset-password',
    ]);
    expect(accountActsFor(actor('sysadmin'), account('auditor', city))).toEqual([]);
    expect(accountActsFor(actor('secadmin'), account('auditor', city))).toEqual([...ACCOUNT_ACTS]);
    expect(accountActsFor(actor('secadmin'), account('handler'))).toEqual(['set-role', 'lock', 'unlock']);
  });
});
