import { sql, type SQL } from 'drizzle-orm';

/** The deployment's time zone (SHIJI_TZ, default Asia/Shanghai): calendar dates, deadlines and the nightly hour follow it. */
let zone = 'Asia/Shanghai';

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Sets the deployment's time zone once at start (from the configuration). */
export function setTimeZone(name: string): void {
  if (!isTimeZone(name)) throw new RangeError(`unknown time zone ${name}`);
  zone = name;
}

/** The deployment's time zone. */
export function timeZone(): string {
  return zone;
}

/** The calendar date of `now` in the deployment's time zone, `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar year of `now` in the deployment's time zone. */
export function localYear(now: Date): number {
  return Number(localDate(now).slice(0, 4));
}

/** The hour (0–23) of `now` in the deployment's time zone. */
export function localHour(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** SQL: a timestamptz expression read as local time in the deployment's zone (`x at time zone 'Asia/Shanghai'`). */
export function atLocal(expression: SQL | SQL.Aliased | unknown): SQL {
  return sql`(${expression} at time zone ${zone})`;
}

/** SQL: the zone as a bound text parameter, for hand-written SQL (`… at time zone ${zoneParam()}`). */
export function zoneParam(): SQL {
  return sql`${zone}`;
}
