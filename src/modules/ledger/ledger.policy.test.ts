// Who may do what to which item, role × scope × relation → allowed, for each function of ledger.policy.ts.
// Each table's expectation is written from the rule as the docs state it, not from the code. Steps of the loop
// (mayAct) have their own exhaustive table in ledger.rules.test.ts ("who may take each step").
import { describe, expect, it } from 'vitest';
import { ROLES, type Role, type Scope } from '../../platform/http.js';
import {
  isInPoolOf,
  itemForPolicy,
  mayAssignTo,
  mayBeInPool,
  mayEdit,
  mayEditMeasures,
  mayLink,
  mayOpenItem,
  mayReadConfidential,
  mayReadItem,
  mayReadLedger,
  maySubmit,
  maySupervise,
  policyActor,
  type Decision,
  type ItemRecord,
} from './ledger.policy.js';
import { ITEM_STATUSES, type ItemStatus } from './ledger.rules.js';

/** 三员分立: the three administrators hold no ledger permission at all. */
const ADMINS: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
/** 督办: leaders and the discipline, organisation and inspection offices. */
const SUPERVISORS: readonly Role[] = ['leader', 'discipline', 'organization', 'inspector'];

const ME = 7;
const SOMEONE = 8;
const TENANT = 1;

/** What the caller is to the item. */
type Relation = 'handler' | 'submitter' | 'assigner' | 'stranger';
const RELATIONS: readonly Relation[] = ['handler', 'submitter', 'assigner', 'stranger'];

const record = (relation: Relation, patch: Partial<ItemRecord> = {}): ItemRecord => ({
  tenantId: TENANT,
  status: 'rectifying',
  confidentiality: 'internal',
  isInPool: false,
  handlerUserId: relation === 'handler' ? ME : SOMEONE,
  createdBy: relation === 'submitter' ? ME : SOMEONE,
  assignerUserId: relation === 'assigner' ? ME : null,
  ...patch,
});
const user = (role: Role) => ({ userId: ME, role, tenantId: TENANT });
const may = (d: Decision) => (d.ok ? 'ok' : d.reason);

describe('ledger permissions by role', () => {
  const table: [Role, { read: boolean; submit: boolean; supervise: boolean }][] = [
    ['sysadmin', { read: false, submit: false, supervise: false }],
    ['secadmin', { read: false, submit: false, supervise: false }],
    ['auditor', { read: false, submit: false, supervise: false }],
    ['leader', { read: true, submit: true, supervise: true }],
    ['discipline', { read: true, submit: true, supervise: true }],
    ['organization', { read: true, submit: true, supervise: true }],
    ['inspector', { read: true, submit: true, supervise: true }],
    ['handler', { read: true, submit: true, supervise: false }],
    ['deputy', { read: true, submit: true, supervise: false }],
  ];
  it('the table names every role', () => expect(table.map(([r]) => r).sort()).toEqual([...ROLES].sort()));
  it.each(table)('%s: %o', (role, want) => {
    expect({ read: mayReadLedger(role), submit: maySubmit(role), supervise: maySupervise(role) }).toEqual(want);
  });
});

describe('机密 items: supervisors and the people working on them', () => {
  const rows = ROLES.flatMap((role) =>
    RELATIONS.map((relation) => [role, relation, SUPERVISORS.includes(role) || relation !== 'stranger'] as const),
  );
  it.each(rows)('%s as %s may read a confidential item: %s', (role, relation, want) => {
    expect(mayReadConfidential(user(role), record(relation, { confidentiality: 'confidential' }))).toBe(want);
  });
});

describe('reading an item: role × where it sits × relation × confidentiality × tenant', () => {
  type Reach = 'in scope' | 'in pool' | 'out of reach';
  const REACHES: readonly Reach[] = ['in scope', 'in pool', 'out of reach'];
  const rows = ROLES.flatMap((role) =>
    REACHES.flatMap((reach) =>
      RELATIONS.flatMap((relation) =>
        (['internal', 'confidential'] as const).flatMap((confidentiality) =>
          [TENANT, 2].map((tenantId) => {
            const reader = !ADMINS.includes(role);
            const seesSecret = confidentiality === 'internal' || SUPERVISORS.includes(role) || relation !== 'stranger';
            // Opening asks the record only; reading also needs the item in scope or in the caller's pool.
            const opens = reader && tenantId === TENANT && seesSecret;
            return [role, reach, relation, confidentiality, tenantId, opens, opens && reach !== 'out of reach'] as const;
          }),
        ),
      ),
    ),
  );
  it.each(rows)(
    '%s, item %s, as %s, %s, tenant %i: opens %s, reads %s',
    (role, reach, relation, confidentiality, tenantId, opens, reads) => {
      const item = record(relation, { confidentiality, tenantId });
      expect(mayOpenItem(user(role), item)).toBe(opens);
      expect(mayReadItem(user(role), item, { inScope: reach === 'in scope', inPool: reach === 'in pool' })).toBe(reads);
    },
  );
});

describe('the 领题池: published by an org at or above the caller', () => {
  const caller = { tenantId: TENANT, orgPath: '/1/4/17/' };
  const pooled = (patch: Partial<ItemRecord> = {}) => record('stranger', { status: 'submitted', isInPool: true, ...patch });
  const table: [string, ItemRecord, string | null, boolean][] = [
    ['published by the city above', pooled(), '/1/', true],
    ['published by the county above', pooled(), '/1/4/', true],
    ['published by the caller’s own org', pooled(), '/1/4/17/', true],
    ['published by a unit below the caller', pooled(), '/1/4/17/30/', false],
    ['published by a sibling county', pooled(), '/1/9/', false],
    ['published by an org with a longer id sharing the prefix', pooled(), '/1/40/', false],
    ['whose org is gone', pooled(), null, false],
    ['not in the pool', pooled({ isInPool: false }), '/1/', false],
    ['already assigned', pooled({ status: 'assigned' }), '/1/', false],
    ['confidential', pooled({ confidentiality: 'confidential' }), '/1/', false],
    ['of another tenant', pooled({ tenantId: 2 }), '/1/', false],
  ];
  it.each(table)('an item %s: %s', (_name, item, orgPath, want) => {
    expect(isInPoolOf(caller, item, orgPath)).toBe(want);
    // The check before the org's path is looked up lets through exactly the items that could be in the pool.
    expect(mayBeInPool(caller, item)).toBe(
      item.isInPool && item.status === 'submitted' && item.confidentiality !== 'confidential' && item.tenantId === TENANT,
    );
  });
});

describe('editing an item’s fields: role × relation × state', () => {
  const CLOSED_TO_EDITS: readonly ItemStatus[] = ['closure_requested', 'closed', 'rejected', 'merged'];
  const rows = ROLES.flatMap((role) =>
    (['submitter', 'stranger'] as const).flatMap((relation) =>
      ITEM_STATUSES.map((status) => {
        let want: string;
        if (CLOSED_TO_EDITS.includes(status)) want = 'invalid_state';
        else if (SUPERVISORS.includes(role)) want = 'ok';
        else if (status === 'submitted' && relation === 'submitter' && !ADMINS.includes(role)) want = 'ok';
        else want = 'forbidden';
        return [role, relation, status, want] as const;
      }),
    ),
  );
  it.each(rows)('%s as %s of a %s item: %s', (role, relation, status, want) => {
    expect(may(mayEdit(user(role), record(relation, { status })))).toBe(want);
  });
});

describe('changing measures and evidence: role × relation × state', () => {
  const OPEN_TO_MEASURES: readonly ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'];
  const rows = ROLES.flatMap((role) =>
    (['handler', 'submitter', 'stranger'] as const).flatMap((relation) =>
      ITEM_STATUSES.map((status) => {
        let want: string;
        if (!OPEN_TO_MEASURES.includes(status)) want = 'invalid_state';
        else if (relation === 'handler' || SUPERVISORS.includes(role)) want = 'ok';
        else want = 'forbidden';
        return [role, relation, status, want] as const;
      }),
    ),
  );
  it.each(rows)('%s as %s of a %s item: %s', (role, relation, status, want) => {
    expect(may(mayEditMeasures(user(role), record(relation, { status })))).toBe(want);
  });
});

describe('linking related items: role × relation', () => {
  const rows = ROLES.flatMap((role) =>
    RELATIONS.map(
      (relation) => [role, relation, SUPERVISORS.includes(role) || relation === 'handler' || relation === 'submitter'] as const,
    ),
  );
  it.each(rows)('%s as %s: %s', (role, relation, want) => {
    expect(mayLink(user(role), record(relation))).toBe(want);
  });
});

describe('交办 to an account: the caller’s scope × where the account sits × enabled', () => {
  const caller = (scope: Scope) => ({ scope, orgPath: '/1/4/', tenantId: TENANT });
  const at = (orgPath: string, patch: { orgTenantId?: number; isDisabled?: boolean } = {}) => ({
    orgTenantId: TENANT,
    orgPath,
    isDisabled: false,
    ...patch,
  });
  const table: [Scope, string, ReturnType<typeof at> | undefined, boolean][] = [
    ['all', 'in the caller’s org', at('/1/4/'), true],
    ['all', 'in another county', at('/1/9/'), true],
    ['all', 'of another tenant', at('/2/', { orgTenantId: 2 }), false],
    ['subtree', 'in the caller’s org', at('/1/4/'), true],
    ['subtree', 'in a unit below', at('/1/4/17/'), true],
    ['subtree', 'in the org above', at('/1/'), false],
    ['subtree', 'in another county', at('/1/9/'), false],
    ['own', 'in the caller’s org', at('/1/4/'), true],
    ['own', 'in a unit below', at('/1/4/17/'), false],
    ['subtree', 'disabled, in a unit below', at('/1/4/17/', { isDisabled: true }), false],
    ['all', 'that does not exist', undefined, false],
  ];
  it.each(table)('%s scope, an account %s: %s', (scope, _where, handler, want) => {
    expect(mayAssignTo(caller(scope), handler)).toBe(want);
  });
});

describe('the views mayAct is given', () => {
  const row = { status: 'rectifying', handlerUserId: 3, assignerUserId: 4, leadLeaderId: 5, isInPool: false, recheckDue: null };
  it.each([
    ['no extension asked', [], null],
    ['one pending', [{ status: 'pending', requestedBy: 3 }], 3],
    [
      'only decided ones',
      [
        { status: 'approved', requestedBy: 3 },
        { status: 'refused', requestedBy: 3 },
      ],
      null,
    ],
    [
      'a decided one, then a pending one',
      [
        { status: 'refused', requestedBy: 3 },
        { status: 'pending', requestedBy: 9 },
      ],
      9,
    ],
  ] as const)('the extension requester, with %s: %s', (_name, extensions, want) => {
    expect(itemForPolicy(row, extensions).extensionRequesterId).toBe(want);
  });
  it.each([
    [null, false],
    ['2027-03-31', true],
  ] as const)('a recheck due %s is pending: %s', (recheckDue, want) => {
    expect(itemForPolicy({ ...row, recheckDue }).recheckPending).toBe(want);
  });
  it('the caller is taken as in scope (their item was found within reach)', () => {
    expect(policyActor({ userId: 1, role: 'handler', personId: 2 })).toEqual({
      userId: 1,
      role: 'handler',
      personId: 2,
      itemInScope: true,
    });
  });
});
