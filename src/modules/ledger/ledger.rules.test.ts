import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/http.js';
import { mayAct, READER_ROLES, SUPERVISOR_ROLES, type Decision, type ItemForPolicy, type LedgerActor } from './ledger.policy.js';
import {
  addDays,
  closureBlocker,
  extensionFlags,
  isOpen,
  ITEM_ACTIONS,
  ITEM_STATUSES,
  itemCode,
  lightOf,
  nextStatus,
  todoReasons,
  type ItemAction,
  type ItemStatus,
} from './ledger.rules.js';

describe('the loop', () => {
  const table: [ItemStatus, ItemAction, ItemStatus | null][] = [
    ['submitted', 'assign', 'assigned'],
    ['submitted', 'claim', 'claimed'],
    ['submitted', 'reject', 'rejected'],
    ['submitted', 'start', null],
    ['submitted', 'close', null],
    ['assigned', 'start', 'rectifying'],
    ['claimed', 'start', 'rectifying'],
    ['assigned', 'request-closure', null],
    ['rectifying', 'request-closure', 'closure_requested'],
    ['rectifying', 'close', null],
    ['closure_requested', 'close', 'closed'],
    ['closure_requested', 'return', 'returned'],
    ['returned', 'start', 'rectifying'],
    ['returned', 'close', null],
    ['closed', 'reopen', 'reopened'],
    ['rejected', 'reopen', 'reopened'],
    ['reopened', 'start', 'rectifying'],
    ['closed', 'start', null],
    ['closed', 'urge', null],
    ['rectifying', 'urge', 'rectifying'],
    ['rectifying', 'merge', 'merged'],
    ['merged', 'reopen', null],
    ['closure_requested', 'merge', null],
  ];
  it.each(table)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });
  it('recheck keeps a consolidated item closed and reopens a rebound one', () => {
    expect(nextStatus('closed', 'recheck', 'consolidated')).toBe('closed');
    expect(nextStatus('closed', 'recheck', 'rebound')).toBe('reopened');
    expect(nextStatus('rectifying', 'recheck', 'rebound')).toBeNull();
  });
  it('no step is skipped: random action sequences only ever pass through legal transitions', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run += 1) {
      let status: ItemStatus = 'submitted';
      const seen: ItemStatus[] = [status];
      for (let step = 0; step < 30; step += 1) {
        const action = ITEM_ACTIONS[Math.floor(random() * ITEM_ACTIONS.length)] as ItemAction;
        const next = nextStatus(status, action, random() < 0.5 ? 'rebound' : 'consolidated');
        if (next === null) continue;
        // closed is only ever reached from closure_requested (or stays closed on a consolidated recheck).
        if (next === 'closed') expect(['closure_requested', 'closed']).toContain(status);
        if (next === 'closure_requested') expect(['rectifying', 'closure_requested']).toContain(status);
        if (next === 'rectifying') expect(['assigned', 'claimed', 'returned', 'reopened', 'rectifying']).toContain(status);
        status = next;
        seen.push(status);
      }
      for (const s of seen) expect(ITEM_STATUSES).toContain(s);
    }
  });
  it('open means still being worked on', () => {
    expect(isOpen('rectifying')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('rejected')).toBe(false);
    expect(isOpen('merged')).toBe(false);
  });
});

describe('who may take each step', () => {
  // The oracle: an explicit spec of who may do what, written independently of mayAct.
  // 三员分立: the system administrator reads no ledger item.
  const READERS: readonly Role[] = ['leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'];
  const SUPERVISORS: readonly Role[] = ['leader', 'discipline', 'organization', 'inspector'];
  const CLAIMER_ROLES: readonly Role[] = ['handler', 'leader'];

  /** What the actor is to this item. */
  type Party = 'supervisor' | 'claimer role' | 'handler' | 'lead leader' | 'assigner' | 'requester';
  /** Item facts that some steps need (refused as forbidden when missing). */
  type Need = 'isInPool' | 'extensionPending';
  const SPEC: Record<ItemAction, { by: readonly Party[]; never?: readonly Party[]; needs?: Need }> = {
    assign: { by: ['supervisor'] },
    claim: { by: ['claimer role'], needs: 'isInPool' },
    start: { by: ['handler'] },
    'request-closure': { by: ['handler'] },
    'request-extension': { by: ['handler'] },
    close: { by: ['supervisor', 'lead leader'], never: ['handler'] },
    return: { by: ['supervisor', 'lead leader'], never: ['handler'] },
    reject: { by: ['supervisor'] },
    reopen: { by: ['supervisor'] },
    urge: { by: ['supervisor', 'lead leader'] },
    'decide-extension': { by: ['supervisor', 'lead leader', 'assigner'], never: ['requester'], needs: 'extensionPending' },
    recheck: { by: ['supervisor'] },
    merge: { by: ['supervisor'] },
  };

  function partiesOf(actor: LedgerActor, item: ItemForPolicy): Set<Party> {
    const parties = new Set<Party>();
    if (SUPERVISORS.includes(actor.role)) parties.add('supervisor');
    if (CLAIMER_ROLES.includes(actor.role)) parties.add('claimer role');
    if (item.handlerUserId === actor.userId) parties.add('handler');
    if (actor.personId !== null && item.leadLeaderId === actor.personId) parties.add('lead leader');
    if (item.assignerUserId === actor.userId) parties.add('assigner');
    if (item.extensionRequesterId === actor.userId) parties.add('requester');
    return parties;
  }

  function expected(actor: LedgerActor, item: ItemForPolicy, action: ItemAction): Decision {
    if (!actor.itemInScope || !READERS.includes(actor.role)) return { ok: false, reason: 'not_found' };
    // 回头看 only on a closed item with one scheduled and not yet done.
    if (nextStatus(item.status, action) === null || (action === 'recheck' && !item.recheckPending))
      return { ok: false, reason: 'invalid_state' };
    const spec = SPEC[action];
    const parties = partiesOf(actor, item);
    const facts: Record<Need, boolean> = { isInPool: item.isInPool, extensionPending: item.extensionRequesterId !== null };
    const ok =
      spec.by.some((p) => parties.has(p)) &&
      !(spec.never ?? []).some((p) => parties.has(p)) &&
      (spec.needs === undefined || facts[spec.needs]);
    return ok ? { ok: true } : { ok: false, reason: 'forbidden' };
  }

  const HANDLER = 10;
  const LEAD_USER = 11;
  const OTHER = 12;
  const ASSIGNER = 30;
  const REQUESTER = 31;
  const LEAD_PERSON = 501;
  /** Person ids of the actors that are not the lead leader. */
  const HANDLER_PERSON = 510;
  const OTHER_PERSON = 512;

  const RELATIONS = {
    handler: { userId: HANDLER, personId: HANDLER_PERSON },
    'lead leader': { userId: LEAD_USER, personId: LEAD_PERSON },
    'other user': { userId: OTHER, personId: OTHER_PERSON },
  } as const;
  type Relation = keyof typeof RELATIONS;

  const item = (status: ItemStatus, patch: Partial<ItemForPolicy> = {}): ItemForPolicy => ({
    status,
    handlerUserId: HANDLER,
    assignerUserId: ASSIGNER,
    isInPool: true,
    extensionRequesterId: REQUESTER,
    leadLeaderId: LEAD_PERSON,
    recheckPending: true,
    ...patch,
  });
  /** The same item without pool, pending extension or pending recheck. */
  const BARE: Partial<ItemForPolicy> = { isInPool: false, extensionRequesterId: null, recheckPending: false };
  const actorAs = (relation: Relation, role: Role, itemInScope = true): LedgerActor => ({ ...RELATIONS[relation], role, itemInScope });
  const describeDecision = (d: Decision) => (d.ok ? 'may' : `may not (${d.reason})`);

  it('the spec uses the same role lists as the permissions', () => {
    expect([...SUPERVISOR_ROLES].sort()).toEqual([...SUPERVISORS].sort());
    expect([...READER_ROLES].sort()).toEqual([...READERS].sort());
  });

  const rows = [false, true].flatMap((bare) =>
    ITEM_STATUSES.flatMap((status) =>
      ITEM_ACTIONS.flatMap((action) =>
        ROLES.flatMap((role) =>
          (Object.keys(RELATIONS) as Relation[]).map((relation) => {
            const it = item(status, bare ? BARE : {});
            const actor = actorAs(relation, role);
            const want = expected(actor, it, action);
            const suffix = bare ? ' [not in pool, no extension, no recheck due]' : '';
            return [`${relation} as ${role} in ${status} ${describeDecision(want)} ${action}${suffix}`, actor, it, action, want] as const;
          }),
        ),
      ),
    ),
  );
  it.each(rows)('%s', (_name, actor, it, action, want) => {
    expect(mayAct(actor, it, action)).toEqual(want);
  });

  it('the table covers every outcome', () => {
    const reasons = new Set(rows.map(([, , , , want]) => (want.ok ? 'ok' : want.reason)));
    expect([...reasons].sort()).toEqual(['forbidden', 'invalid_state', 'not_found', 'ok']);
  });

  it('out of scope is not found, for every action, role, state and relation', () => {
    for (const status of ITEM_STATUSES)
      for (const action of ITEM_ACTIONS)
        for (const role of ROLES)
          for (const relation of Object.keys(RELATIONS) as Relation[])
            expect(mayAct(actorAs(relation, role, false), item(status), action)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('recheck needs a closed item with a 回头看 pending', () => {
    const inspector = actorAs('other user', 'inspector');
    expect(mayAct(inspector, item('closed', { recheckPending: true }), 'recheck')).toEqual({ ok: true });
    expect(mayAct(inspector, item('closed', { recheckPending: false }), 'recheck')).toEqual({ ok: false, reason: 'invalid_state' });
    expect(mayAct(inspector, item('rectifying', { recheckPending: true }), 'recheck')).toEqual({ ok: false, reason: 'invalid_state' });
    expect(mayAct(actorAs('other user', 'deputy'), item('closed', { recheckPending: true }), 'recheck')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('claiming needs the item in the pool, and a handler or leader role', () => {
    expect(mayAct(actorAs('other user', 'handler'), item('submitted', { isInPool: true, handlerUserId: null }), 'claim')).toEqual({
      ok: true,
    });
    expect(mayAct(actorAs('other user', 'leader'), item('submitted', { isInPool: true, handlerUserId: null }), 'claim')).toEqual({
      ok: true,
    });
    expect(mayAct(actorAs('other user', 'handler'), item('submitted', { isInPool: false }), 'claim')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(mayAct(actorAs('other user', 'deputy'), item('submitted', { isInPool: true }), 'claim')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(mayAct(actorAs('other user', 'handler'), item('assigned', { isInPool: true }), 'claim')).toEqual({
      ok: false,
      reason: 'invalid_state',
    });
  });

  it('an extension is decided by someone other than its requester', () => {
    const pendingBy = (userId: number) => item('rectifying', { extensionRequesterId: userId });
    expect(mayAct(actorAs('other user', 'inspector'), pendingBy(OTHER), 'decide-extension')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(actorAs('other user', 'inspector'), pendingBy(HANDLER), 'decide-extension')).toEqual({ ok: true });
    expect(mayAct(actorAs('lead leader', 'deputy'), pendingBy(LEAD_USER), 'decide-extension')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(actorAs('lead leader', 'deputy'), pendingBy(HANDLER), 'decide-extension')).toEqual({ ok: true });
    // The assigner decides too, whatever their role; but not without a pending request.
    const assigner: LedgerActor = { userId: ASSIGNER, personId: null, role: 'deputy', itemInScope: true };
    expect(mayAct(assigner, pendingBy(HANDLER), 'decide-extension')).toEqual({ ok: true });
    expect(mayAct(assigner, item('rectifying', { extensionRequesterId: null }), 'decide-extension')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(mayAct(actorAs('other user', 'inspector'), item('rectifying', { extensionRequesterId: null }), 'decide-extension')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('a lead leader with the handler role may urge, close and return, but not assign', () => {
    const lead = actorAs('lead leader', 'handler');
    expect(mayAct(lead, item('rectifying'), 'urge')).toEqual({ ok: true });
    expect(mayAct(lead, item('closure_requested'), 'close')).toEqual({ ok: true });
    expect(mayAct(lead, item('closure_requested'), 'return')).toEqual({ ok: true });
    expect(mayAct(lead, item('submitted'), 'assign')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(lead, item('submitted'), 'reject')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(lead, item('rectifying'), 'merge')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(lead, item('closed'), 'reopen')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(lead, item('closed'), 'recheck')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('a lead leader who is also the handler may not close or return their own item', () => {
    const both: LedgerActor = { userId: HANDLER, personId: LEAD_PERSON, role: 'leader', itemInScope: true };
    expect(mayAct(both, item('closure_requested'), 'close')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(both, item('closure_requested'), 'return')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(both, item('rectifying'), 'urge')).toEqual({ ok: true });
  });

  it('an account without a person is never the lead leader, even when the item has none', () => {
    const unlinked: LedgerActor = { userId: OTHER, personId: null, role: 'deputy', itemInScope: true };
    expect(mayAct(unlinked, item('rectifying', { leadLeaderId: null }), 'urge')).toEqual({ ok: false, reason: 'forbidden' });
    expect(mayAct(unlinked, item('closure_requested', { leadLeaderId: null }), 'close')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('a lead leader whose role cannot read the ledger does not see the item', () => {
    expect(mayAct(actorAs('lead leader', 'secadmin'), item('rectifying'), 'urge')).toEqual({ ok: false, reason: 'not_found' });
    expect(mayAct(actorAs('lead leader', 'auditor'), item('closure_requested'), 'close')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('random walks: statuses stay legal and closed is only reached by a non-handler closing', () => {
    // mulberry32: a small deterministic generator.
    let seed = 20260101;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const USERS = [
      { userId: 1, personId: 101 },
      { userId: 2, personId: 102 },
      { userId: 3, personId: 103 },
      { userId: 4, personId: null },
    ] as const;
    let closes = 0;
    let rechecks = 0;
    let okSteps = 0;
    const mismatches: string[] = [];
    const illegal: string[] = [];
    for (let run = 0; run < 3000; run += 1) {
      const initialHandler = pick([null, ...USERS.map((u) => u.userId)]);
      const state: ItemForPolicy = {
        status: 'submitted',
        handlerUserId: initialHandler,
        assignerUserId: null,
        isInPool: initialHandler === null || random() < 0.5,
        extensionRequesterId: null,
        leadLeaderId: pick([101, 102, null]),
        recheckPending: false,
      };
      for (let step = 0; step < 40; step += 1) {
        // Half the time the current handler acts, and half the time the step is one the state machine allows,
        // so that walks get far enough to be closed; the rest is fully random.
        const handlerUser = USERS.find((u) => u.userId === state.handlerUserId);
        const user = handlerUser && random() < 0.5 ? handlerUser : pick(USERS);
        const actor: LedgerActor = { ...user, role: pick(ROLES), itemInScope: random() < 0.9 };
        const fromHere = ITEM_ACTIONS.filter((a) => nextStatus(state.status, a) !== null);
        const action = fromHere.length > 0 && random() < 0.5 ? pick(fromHere) : pick(ITEM_ACTIONS);
        const decision = mayAct(actor, state, action);
        const want = expected(actor, state, action);
        if (JSON.stringify(decision) !== JSON.stringify(want))
          mismatches.push(`${JSON.stringify({ actor, state, action, decision, want })}`);
        if (!decision.ok) continue;
        okSteps += 1;
        const before = state.status;
        const after = nextStatus(before, action, random() < 0.5 ? 'rebound' : 'consolidated');
        if (after === null || !ITEM_STATUSES.includes(after)) {
          illegal.push(`${before} --${action}--> ${String(after)}`);
          continue;
        }
        if (after === 'closed' && before !== 'closed') {
          if (action !== 'close' || before !== 'closure_requested' || actor.userId === state.handlerUserId)
            illegal.push(`closed from ${before} by ${action} (user ${actor.userId}, handler ${String(state.handlerUserId)})`);
          closes += 1;
        }
        switch (action) {
          case 'assign':
            Object.assign(state, { handlerUserId: pick(USERS).userId, assignerUserId: actor.userId, isInPool: false });
            break;
          case 'claim':
            Object.assign(state, { handlerUserId: actor.userId, isInPool: false });
            break;
          case 'request-extension':
            state.extensionRequesterId = actor.userId;
            break;
          case 'decide-extension':
            state.extensionRequesterId = null;
            break;
          case 'close':
            state.recheckPending = random() < 0.7;
            break;
          case 'recheck':
            rechecks += 1;
            state.recheckPending = false;
            break;
          case 'reopen':
            state.recheckPending = false;
            break;
          default:
            break;
        }
        state.status = after;
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(illegal.slice(0, 5)).toEqual([]);
    // The walk must actually reach the interesting states, or the property says nothing.
    expect(okSteps).toBeGreaterThan(5000);
    expect(closes).toBeGreaterThan(100);
    expect(rechecks).toBeGreaterThan(10);
  });
});

describe('lights', () => {
  const item = { status: 'rectifying' as const, deadline: '2026-12-31', startedOn: '2026-12-01', measuresTotal: 4, measuresDone: 2 };
  it.each([
    ['2027-01-01', 'red'],
    ['2026-12-31', 'yellow'],
    ['2026-12-25', 'yellow'],
    ['2026-12-24', 'yellow'],
    ['2026-12-10', 'green'],
    ['2026-12-18', 'yellow'],
  ] as const)('on %s → %s', (today, light) => {
    expect(lightOf(item, today)).toBe(light);
  });
  it('no light on closed items or without a deadline', () => {
    expect(lightOf({ ...item, status: 'closed' }, '2027-06-01')).toBeNull();
    expect(lightOf({ ...item, deadline: null }, '2027-06-01')).toBeNull();
  });
  it('the warning window is configurable', () => {
    expect(lightOf(item, '2026-12-20', 14)).toBe('yellow');
    expect(lightOf({ ...item, measuresDone: 4 }, '2026-12-20', 7)).toBe('green');
    expect(lightOf({ ...item, measuresDone: 4 }, '2026-12-24', 7)).toBe('green');
  });
});

describe('closure, codes, extensions', () => {
  it('closure needs a note or evidence on every measure', () => {
    expect(closureBlocker([])).toBe('no_measures');
    expect(
      closureBlocker([
        { status: 'done', completionNote: '已完成', evidenceCount: 0 },
        { status: 'done', completionNote: ' ', evidenceCount: 0 },
      ]),
    ).toBe('measure_without_proof');
    expect(
      closureBlocker([
        { status: 'done', completionNote: null, evidenceCount: 1 },
        { status: 'done', completionNote: '已完成', evidenceCount: 0 },
      ]),
    ).toBeNull();
  });
  it('codes items by kind and year', () => {
    expect(itemCode('problem', 2026, 123)).toBe('WT-2026-000123');
    expect(itemCode('task', 2027, 1)).toBe('RW-2027-000001');
  });
  it('flags late and last-minute extension requests', () => {
    expect(extensionFlags('2026-12-10', new Date('2026-12-11T01:00:00Z'))).toEqual({ isLate: true, isLastMinute: false });
    expect(extensionFlags('2026-12-10', new Date('2026-12-10T08:00:00Z'))).toEqual({ isLate: false, isLastMinute: true });
    expect(extensionFlags('2026-12-10', new Date('2026-12-05T08:00:00Z'))).toEqual({ isLate: false, isLastMinute: false });
    expect(addDays('2026-12-30', 90)).toBe('2027-03-30');
  });
});

describe('我的待办 (todoReasons)', () => {
  const base = {
    status: 'rectifying' as const,
    handlerUserId: 7,
    assignerUserId: 3,
    leadLeaderId: 50,
    recheckDue: null,
    extensionRequesterId: null,
  };
  const handler = { userId: 7, personId: null, isSupervisor: false };
  const supervisor = { userId: 3, personId: null, isSupervisor: true };
  const lead = { userId: 9, personId: 50, isSupervisor: false };
  const stranger = { userId: 11, personId: 51, isSupervisor: false };
  const today = '2027-01-01';
  it.each([
    ['the handler of a rectifying item', base, handler, ['handle']],
    ['the handler of a returned item', { ...base, status: 'returned' as const }, handler, ['handle']],
    ['the handler of a closed item', { ...base, status: 'closed' as const }, handler, []],
    ['the handler of an item under review', { ...base, status: 'closure_requested' as const }, handler, []],
    ['a supervisor, an item under review', { ...base, status: 'closure_requested' as const }, supervisor, ['review']],
    ['the lead leader, an item under review', { ...base, status: 'closure_requested' as const }, lead, ['review']],
    ['a stranger, an item under review', { ...base, status: 'closure_requested' as const }, stranger, []],
    ['a supervisor who is the handler, under review', { ...base, status: 'closure_requested' as const, handlerUserId: 3 }, supervisor, []],
    ['the assigner, a pending extension', { ...base, extensionRequesterId: 7 }, { ...stranger, userId: 3 }, ['extension']],
    ['the lead leader, a pending extension', { ...base, extensionRequesterId: 7 }, lead, ['extension']],
    ['the requester, their own extension', { ...base, extensionRequesterId: 7 }, handler, ['handle']],
    ['a supervisor, a 回头看 due in 7 days', { ...base, status: 'closed' as const, recheckDue: '2027-01-08' }, supervisor, ['recheck']],
    ['a supervisor, a 回头看 due in 8 days', { ...base, status: 'closed' as const, recheckDue: '2027-01-09' }, supervisor, []],
    ['the lead leader, a 回头看 due', { ...base, status: 'closed' as const, recheckDue: '2027-01-01' }, lead, []],
  ] as const)('%s', (_name, item, user, expected) => {
    expect(todoReasons(item, user, today)).toEqual(expected);
  });
});
