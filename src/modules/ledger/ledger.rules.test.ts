import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/http.js';
import { mayAct, SUPERVISOR_ROLES, type ItemForPolicy } from './ledger.policy.js';
import { addDays, closureBlocker, extensionFlags, isOpen, ITEM_ACTIONS, ITEM_STATUSES, itemCode, lightOf, nextStatus, type ItemAction, type ItemStatus } from './ledger.rules.js';

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
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
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
  const HANDLER = 10;
  const OTHER = 20;
  const base: ItemForPolicy = { status: 'submitted', handlerUserId: HANDLER, assignerUserId: 30, isInPool: false, extensionRequesterId: null };
  const statusFor: Record<ItemAction, ItemStatus> = {
    assign: 'submitted',
    claim: 'submitted',
    start: 'assigned',
    'request-closure': 'rectifying',
    close: 'closure_requested',
    return: 'closure_requested',
    reject: 'submitted',
    reopen: 'closed',
    urge: 'rectifying',
    'request-extension': 'rectifying',
    'decide-extension': 'rectifying',
    recheck: 'closed',
    merge: 'rectifying',
  };
  const cases = ITEM_ACTIONS.flatMap((action) => ROLES.flatMap((role) => [true, false].map((asHandler) => [action, role, asHandler] as const)));
  it.each(cases)('%s by %s (handler: %s)', (action, role: Role, asHandler) => {
    const item = { ...base, status: statusFor[action], isInPool: action === 'claim', extensionRequesterId: action === 'decide-extension' ? HANDLER : null };
    const decision = mayAct({ userId: asHandler ? HANDLER : OTHER, role, itemInScope: true }, item, action);
    const supervisor = SUPERVISOR_ROLES.includes(role);
    const reader = role !== 'secadmin' && role !== 'auditor';
    let expected: boolean;
    if (!reader) expected = false;
    else if (['start', 'request-closure', 'request-extension'].includes(action)) expected = asHandler;
    else if (action === 'close' || action === 'return' || action === 'decide-extension') expected = supervisor && !asHandler;
    else if (action === 'claim') expected = role === 'handler' || role === 'leader';
    else expected = supervisor;
    expect(decision.ok).toBe(expected);
    if (!reader) expect(decision).toEqual({ ok: false, reason: 'not_found' });
  });
  it('out of scope is not found, whatever the role', () => {
    for (const role of ROLES) expect(mayAct({ userId: HANDLER, role, itemInScope: false }, { ...base, status: 'assigned' }, 'start')).toEqual({ ok: false, reason: 'not_found' });
  });
  it('a step from the wrong state is refused as such', () => {
    expect(mayAct({ userId: OTHER, role: 'inspector', itemInScope: true }, { ...base, status: 'rectifying' }, 'close')).toEqual({ ok: false, reason: 'invalid_state' });
  });
  it('claiming needs the item in the pool', () => {
    expect(mayAct({ userId: OTHER, role: 'handler', itemInScope: true }, { ...base, isInPool: false }, 'claim').ok).toBe(false);
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
    expect(closureBlocker([{ status: 'done', completionNote: '已完成', evidenceCount: 0 }, { status: 'done', completionNote: ' ', evidenceCount: 0 }])).toBe('measure_without_proof');
    expect(closureBlocker([{ status: 'done', completionNote: null, evidenceCount: 1 }, { status: 'done', completionNote: '已完成', evidenceCount: 0 }])).toBeNull();
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
