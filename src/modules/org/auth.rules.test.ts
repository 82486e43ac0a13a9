import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  checkPassword,
  isLocked,
  isPasswordExpired,
  isSessionAlive,
  passwordPolicy,
  type ThrottleState,
} from './auth.rules.js';

const breached = new Set(['password1', 'qwerty123', 'p@ssw0rd']);

describe('password policy', () => {
  const owasp = passwordPolicy('default');
  const mlps3 = passwordPolicy('mlps3');
  it.each([
    [owasp, 'short', 'password.too_short'],
    [owasp, 'alllowercaseletters', null],
    [owasp, 'Password1', 'password.breached'],
    [owasp, 'P@ssw0rd', 'password.breached'],
    [owasp, 'zhangsan', 'password.same_as_username'],
    [owasp, '长城长城长城长城', null],
    [owasp, 'x'.repeat(129), 'password.too_long'],
    [mlps3, 'alllowercaseletters', 'password.classes'],
    [mlps3, 'lower-and-symbol', 'password.classes'],
    [mlps3, 'Lower-and-Symbol', null],
    [mlps3, 'Abcdefg1', null],
    [mlps3, 'Abc1', 'password.too_short'],
    [mlps3, 'Qwerty123', 'password.breached'],
  ])('%# %s', (policy, password, expected) => {
    expect(checkPassword(policy, password, 'zhangsan', breached)?.reason ?? null).toBe(expected);
  });

  it('rotates every 90 days only under mlps3', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    const day89 = new Date('2026-03-31T00:00:00Z');
    const day91 = new Date('2026-04-02T00:00:00Z');
    expect(isPasswordExpired(mlps3, changed, day89)).toBe(false);
    expect(isPasswordExpired(mlps3, changed, day91)).toBe(true);
    expect(isPasswordExpired(owasp, changed, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('lockout timing', () => {
  const config = { threshold: 5, lockMinutes: 15 };
  const t0 = new Date('2026-12-01T08:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('from the fifth failure each guess waits longer: 1, 2, 4, 8 minutes, then at most 15', () => {
    let state: ThrottleState | null = null;
    let now = 0;
    for (let i = 1; i <= 4; i += 1) {
      state = afterFailure(state, at(now), config);
      expect(isLocked(state, at(now))).toBe(false);
    }
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      state = afterFailure(state, at(now), config);
      const wait = ((state.lockedUntil?.getTime() ?? 0) - at(now).getTime()) / 60_000;
      waits.push(wait);
      expect(isLocked(state, at(now + wait - 0.01))).toBe(true);
      now += wait;
      expect(isLocked(state, at(now))).toBe(false);
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });

  it('guesses while waiting are refused unread and do not count (a stranger cannot push the wait up by hammering)', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = afterFailure(state, at(0), config);
    const before = state;
    for (let s = 1; s < 60; s += 1) state = afterFailure(state, at(s / 60), config);
    expect(state).toBe(before);
    expect(isLocked(state, at(1))).toBe(false);
  });

  it('a day without failures forgets them', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = afterFailure(state, at(0), config);
    state = afterFailure(state, at(24 * 60 + 2), config);
    expect(state).toEqual({ failures: 1, lockedUntil: null, lastFailureAt: at(24 * 60 + 2) });
  });
});

describe('session timing', () => {
  const timing = { idleMinutes: 30, absoluteHours: 12 };
  const start = new Date('2026-12-01T08:00:00Z');
  const session = (lastSeenMin: number) => ({
    lastSeenAt: new Date(start.getTime() + lastSeenMin * 60_000),
    expiresAt: new Date(start.getTime() + 12 * 3_600_000),
    revokedAt: null,
  });
  const at = (min: number) => new Date(start.getTime() + min * 60_000);
  it.each([
    [0, 29, true],
    [0, 30, false],
    [600, 629, true],
    [700, 719, true],
    [710, 720, false],
  ])('last seen at +%i min, checked at +%i min → alive %s', (seen, now, alive) => {
    expect(isSessionAlive(session(seen), at(now), timing)).toBe(alive);
  });
  it('a revoked session is dead', () => {
    expect(isSessionAlive({ ...session(0), revokedAt: start }, at(1), timing)).toBe(false);
  });
});
