import { z } from 'zod';
import { isTimeZone } from './time.js';
import { AppError } from './errors.js';

/** Deployment profile: `default` follows OWASP ASVS, `mlps3` turns on the 等保三级 password policy. */
export type Profile = 'default' | 'mlps3';
/** Crypto profile: 国密 (SM3/SM4) by default, `intl` for SHA-256/AES-256-GCM. */
export type CryptoProfile = 'sm' | 'intl';

/** Everything the server reads from the environment, validated once at start. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  profile: Profile;
  crypto: CryptoProfile;
  /** Master key for field encryption (hex, 32 bytes); generated into the data folder when unset. */
  secretKey: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  demoPassword: string;
  logLevel: string;
  /** `Secure` on cookies: always, never, or `auto` — when the request came over TLS (directly or, with a trusted proxy, as it says). */
  secureCookies: boolean | 'auto';
  /** Which proxies' X-Forwarded-For/-Proto to believe (SHIJI_TRUST_PROXY): none, all, or a list of addresses/CIDRs. */
  trustProxy: boolean | string;
  /** Milliseconds between reminder and webhook passes of the scheduler in `shiji serve`; 0 turns it off. */
  reminderIntervalMs: number;
  /** Days between repeated reminders while an item stays red. */
  reminderRepeatDays: number;
  /** Days from closing to 回头看, per category (SHIJI_RECHECK_DAYS). */
  recheckDays: RecheckDays;
  /** The deployment's IANA time zone (SHIJI_TZ): calendar dates, deadlines and the nightly hour. */
  timeZone: string;
}

/** Names the modules define that settings refer to (the platform knows none itself). */
export interface ConfigVocabulary {
  /** Item categories SHIJI_RECHECK_DAYS may name. */
  categories?: readonly string[];
}

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ZEnv = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: intFrom(0, 65535).default(3000),
  SHIJI_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  SHIJI_PROFILE: z.enum(['default', 'mlps3']).default('default'),
  SHIJI_CRYPTO: z.enum(['sm', 'intl']).default('sm'),
  SHIJI_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
    .optional(),
  SHIJI_SESSION_IDLE_MINUTES: intFrom(1, 24 * 60).default(30),
  SHIJI_SESSION_ABSOLUTE_HOURS: intFrom(1, 24 * 7).default(12),
  SHIJI_LOCKOUT_THRESHOLD: intFrom(1, 100).default(5),
  SHIJI_LOCKOUT_MINUTES: intFrom(1, 24 * 60).default(15),
  SHIJI_BODY_LIMIT: intFrom(1024, 100 * 1024 * 1024).default(1024 * 1024),
  SHIJI_DEMO_PASSWORD: z.string().min(8).default('Shiji@2026'),
  SHIJI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHIJI_SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  SHIJI_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/, 'true, false or addresses such as 127.0.0.1,10.0.0.0/8')
    .default('false'),
  SHIJI_REMINDER_INTERVAL_MS: intFrom(0, 24 * 3_600_000)
    .refine((v) => v === 0 || v >= 1000, 'must be 0 (off) or at least 1000')
    .default(5 * 60_000),
  SHIJI_REMINDER_REPEAT_DAYS: intFrom(1, 365).default(3),
  SHIJI_TZ: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  SHIJI_RECHECK_DAYS: z
    .string()
    .default('90')
    .transform((text, ctx) => {
      const parsed = parseRecheckDays(text);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
});

/** Days from closing to 回头看: a default and overrides per problem category. */
export interface RecheckDays {
  default: number;
  byCategory: Partial<Record<string, number>>;
}

/**
 * Reads `90` or `90;statistical_fraud=180;reckless_debt=180` (default; category=days …);
 * returns the reason as text when it is malformed.
 */
export function parseRecheckDays(text: string): RecheckDays | string {
  const [head = '', ...rest] = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const days = (v: string) => (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 3650 ? Number(v) : null);
  const first = days(head);
  if (first === null) return `"${head}" is not a number of days (1–3650); expected e.g. 90;statistical_fraud=180`;
  const byCategory: Partial<Record<string, number>> = {};
  for (const part of rest) {
    const [category = '', value = ''] = part.split('=').map((x) => x.trim());
    if (!/^[a-z][a-z_]{0,63}$/.test(category)) return `"${category}" is not a category name`;
    const n = days(value);
    if (n === null) return `"${value}" for ${category} is not a number of days (1–3650)`;
    byCategory[category] = n;
  }
  return { default: first, byCategory };
}

/** Reads and validates the configuration; a bad variable is a usage error naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, known: ConfigVocabulary = {}): Config {
  // An empty variable (`DATABASE_URL=`) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'env');
    throw new AppError('invalid_config', { field, detail: issue?.message ?? '' });
  }
  const e = parsed.data;
  const unknownCategory = known.categories
    ? Object.keys(e.SHIJI_RECHECK_DAYS.byCategory).find((c) => !known.categories?.includes(c))
    : undefined;
  if (unknownCategory !== undefined)
    throw new AppError('invalid_config', { field: 'SHIJI_RECHECK_DAYS', detail: `unknown category "${unknownCategory}"` });
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: e.SHIJI_DATA,
    databaseUrl: e.DATABASE_URL,
    profile: e.SHIJI_PROFILE,
    crypto: e.SHIJI_CRYPTO,
    secretKey: e.SHIJI_SECRET_KEY,
    sessionIdleMinutes: e.SHIJI_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SHIJI_SESSION_ABSOLUTE_HOURS,
    lockoutThreshold: e.SHIJI_LOCKOUT_THRESHOLD,
    lockoutMinutes: e.SHIJI_LOCKOUT_MINUTES,
    bodyLimitBytes: e.SHIJI_BODY_LIMIT,
    demoPassword: e.SHIJI_DEMO_PASSWORD,
    logLevel: e.SHIJI_LOG_LEVEL,
    secureCookies: e.SHIJI_SECURE_COOKIES === 'auto' ? 'auto' : e.SHIJI_SECURE_COOKIES === 'true',
    trustProxy: e.SHIJI_TRUST_PROXY === 'true' ? true : e.SHIJI_TRUST_PROXY === 'false' ? false : e.SHIJI_TRUST_PROXY.replace(/\s+/g, ''),
    reminderIntervalMs: e.SHIJI_REMINDER_INTERVAL_MS,
    reminderRepeatDays: e.SHIJI_REMINDER_REPEAT_DAYS,
    recheckDays: e.SHIJI_RECHECK_DAYS,
    timeZone: e.SHIJI_TZ,
  };
}
