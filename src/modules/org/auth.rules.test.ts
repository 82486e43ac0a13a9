import { describe, expect, it } from 'vitest';
import { afterFailure, checkPassword, isLocked, isPasswordExpired, isSessionAlive, passwordPolicy, type ThrottleState } from './auth.rules.js';

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

  it('locks on the fifth failure for 15 minutes', () => {
    let state: ThrottleState | null = null;
    for (let i = 1; i <= 4; i += 1) {
      state = afterFailure(state, at(0), config);
      expect(isLocked(state, at(0))).toBe(false);
    }
    state = afterFailure(state, at(0), config);
    expect(isLocked(state, at(0))).toBe(true);
    expect(isLocked(state, at(14.9))).toBe(true);
    expect(isLocked(state, at(15))).toBe(false);
  });

  it('failures during the lock do not extend it (a stranger cannot lock forever)', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = afterFailure(state, at(0), config);
    const lockedUntil = state?.lockedUntil?.getTime();
    for (let m = 1; m < 15; m += 1) state = afterFailure(state, at(m), config);
    expect(state?.lockedUntil?.getTime()).toBe(lockedUntil);
    expect(isLocked(state, at(15))).toBe(false);
  });

  it('counts again from zero after a lock expires', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = afterFailure(state, at(0), config);
    state = afterFailure(state, at(16), config);
    expect(state).toEqual({ failures: 1, lockedUntil: null });
  });
});

describe('session timing', () => {
  const timing = { idleMinutes: 30, absoluteHours: 12 };
  const start = new Date('2026-12-01T08:00:00Z');
  const session = (lastSeenMin: number) => ({ lastSeenAt: new Date(start.getTime() + lastSeenMin * 60_000), expiresAt: new Date(start.getTime() + 12 * 3_600_000), revokedAt: null });
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
