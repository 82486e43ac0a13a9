/**
 * Shapes shared by every 数据核查 check: the flag a check raises (test, inputs, statistic, threshold, i18n reason)
 * and the refusal it answers when the data are too thin. A flag is a prompt to ask for the evidence, never a verdict.
 */

/** Org ids are numbers in the org table; strings are allowed for figures imported with external codes. */
export type OrgId = number | string;

/** A figure as it arrives: a number, a BigInt, or numeric text such as '12,345.6' or '1.23e5'. */
export type NumericInput = number | bigint | string;

/** An i18n message (key + interpolation params), so the UI can explain a flag in zh-CN or en. */
export interface Reason {
  key: string;
  params: Readonly<Record<string, number | string>>;
}

/** "Too few data to say anything": returned instead of a result, so silence is never mistaken for a clean bill. */
export interface Refusal {
  refused: true;
  reason: Reason;
}

/** The checks that can raise a flag, so a flag says which test fired. */
export type IntegrityCheck =
  | 'benford.first'
  | 'benford.second'
  | 'benford.first_two'
  | 'last_digit'
  | 'heaping'
  | 'bunching'
  | 'jump.own_history'
  | 'jump.zone_peers'
  | 'divergence'
  | 'copy.level'
  | 'copy.growth'
  | 'sum';

/** JSON-safe values a flag may quote as its inputs, so a flag can be stored and shown as is. */
export type FlagValue = number | string | boolean | null | readonly FlagValue[] | { readonly [key: string]: FlagValue };

/** How a statistic is compared with its threshold (`abs>` means |statistic| > threshold). */
export type Comparison = '>' | '<' | '≤' | '≥' | 'abs>';

/** One condition that had to hold for a flag to fire, so the reader sees how far past the line the figure was. */
export interface Condition {
  name: string;
  value: number;
  op: Comparison;
  threshold: number;
}

/** A check that fired: which test, on which numbers, the statistic against its threshold, and why — never a verdict. */
export interface IntegrityFlag {
  check: IntegrityCheck;
  orgId?: OrgId;
  /** The second org of a pair (copies). */
  otherOrgId?: OrgId;
  year?: number;
  /** The inputs that mattered for this flag. */
  inputs: Readonly<Record<string, FlagValue>>;
  /** The main statistic … */
  statistic: { name: string; value: number };
  /** … and the line it crossed. */
  threshold: { op: Comparison; value: number };
  /** Further conditions that also had to hold (e.g. a minimum gap), empty when none. */
  alsoHeld: readonly Condition[];
  reason: Reason;
}

/** A refusal with its i18n reason. */
export function refuse(key: string, params: Record<string, number | string>): Refusal {
  return { refused: true, reason: { key, params } };
}

/** Numeric ids in numeric order, then text ids, so flag lists come out in a stable, natural order. */
export function compareOrgIds(a: OrgId | undefined, b: OrgId | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Keeps flags JSON-safe: an infinite z (a sample with no spread) is quoted as ±Number.MAX_VALUE. */
export function clampInfinite(x: number): number {
  return Number.isFinite(x) ? x : Math.sign(x) * Number.MAX_VALUE;
}
