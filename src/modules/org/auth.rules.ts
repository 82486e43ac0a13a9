import type { Profile } from '../../platform/config.js';

/** Why a password was refused: a message key and its parameters. */
export interface PasswordProblem {
  reason: string;
  params?: Record<string, number>;
}

/** The password policy of a deployment profile. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of the four character classes are required (0 = no composition rule). */
  requiredClasses: number;
  /** Forced rotation, in days; null = none. */
  maxAgeDays: number | null;
  checkBreached: boolean;
}

/** OWASP ASVS by default; 等保三级 (mlps3): three character classes and 90-day rotation. */
export function passwordPolicy(profile: Profile): PasswordPolicy {
  return profile === 'mlps3'
    ? { minLength: 8, maxLength: 128, requiredClasses: 3, maxAgeDays: 90, checkBreached: true }
    : { minLength: 8, maxLength: 128, requiredClasses: 0, maxAgeDays: null, checkBreached: true };
}

/** How many of upper-case, lower-case, digit and symbol the password uses. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Checks a new password against the policy; null when acceptable. */
export function checkPassword(
  policy: PasswordPolicy,
  password: string,
  username: string,
  breached: ReadonlySet<string>,
): PasswordProblem | null {
  const length = [...password].length;
  if (length < policy.minLength) return { reason: 'password.too_short', params: { min: policy.minLength } };
  if (length > policy.maxLength) return { reason: 'password.too_long', params: { max: policy.maxLength } };
  if (password.toLowerCase() === username.toLowerCase()) return { reason: 'password.same_as_username' };
  if (policy.requiredClasses > 0 && characterClasses(password) < policy.requiredClasses) return { reason: 'password.classes' };
  if (policy.checkBreached && breached.has(password.toLowerCase())) return { reason: 'password.breached' };
  return null;
}

/** Has the password outlived the policy's maximum age? */
export function isPasswordExpired(policy: PasswordPolicy, changedAt: Date, now: Date): boolean {
  if (policy.maxAgeDays === null) return false;
  return now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}

/** Failed-login counter for one key: an account from one client, or one trusted device of an account. */
export interface ThrottleState {
  failures: number;
  /** No attempt is taken from this key before this time. */
  lockedUntil: Date | null;
  /** When the last failure was counted (failures older than FAILURE_MEMORY_MS are forgotten). */
  lastFailureAt: Date | null;
}

/** Throttle settings: failures before the first wait, and the longest wait. */
export interface LockoutConfig {
  threshold: number;
  lockMinutes: number;
}

/** A day without a failure wipes the count. */
export const FAILURE_MEMORY_MS = 24 * 3_600_000;

/** Is the key made to wait at `now`? */
export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime();
}

/** Minutes left on a wait, rounded up (for the message). */
export function minutesLeft(state: ThrottleState, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}

/**
 * The state after a failed login, for one account from one client (or one trusted device). From the
 * threshold on, each failure makes that client wait longer before its next try — 1, 2, 4, 8 … minutes, at most
 * `lockMinutes` — rather than locking the account for everybody, so a stranger who knows a username cannot
 * lock its owner out. Attempts while waiting are refused unread and do not count, so the wait grows only with
 * guesses actually tried.
 */
export function afterFailure(state: ThrottleState | null, now: Date, config: LockoutConfig): ThrottleState {
  if (state && isLocked(state, now)) return state;
  const forgotten = !state || !state.lastFailureAt || now.getTime() - state.lastFailureAt.getTime() > FAILURE_MEMORY_MS;
  const failures = (forgotten ? 0 : state.failures) + 1;
  if (failures < config.threshold) return { failures, lockedUntil: null, lastFailureAt: now };
  const minutes = Math.min(config.lockMinutes, 2 ** Math.min(failures - config.threshold, 20));
  return { failures, lockedUntil: new Date(now.getTime() + minutes * 60_000), lastFailureAt: now };
}

/** Session timing: idle and absolute limits. */
export interface SessionTiming {
  idleMinutes: number;
  absoluteHours: number;
}

/** Is a session still valid at `now`? */
export function isSessionAlive(
  session: { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null },
  now: Date,
  timing: SessionTiming,
): boolean {
  if (session.revokedAt) return false;
  if (now.getTime() >= session.expiresAt.getTime()) return false;
  return now.getTime() - session.lastSeenAt.getTime() < timing.idleMinutes * 60_000;
}

/** When a session started at `now` must end regardless of activity. */
export function absoluteExpiry(now: Date, timing: SessionTiming): Date {
  return new Date(now.getTime() + timing.absoluteHours * 3_600_000);
}
