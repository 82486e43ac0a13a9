/** Exact arithmetic of the scoring rules: integer hundredths of a point, half away from zero, and keyed lookups. */
import type { Keyed } from './scoring.rules.js';

const TOLERANCE = 1e-7;

/** Integer hundredths, half away from zero. */
export function toHundredths(x: number): number {
  const h = Math.round(Math.abs(x) * 100 + TOLERANCE);
  return x < 0 ? -h : h;
}

/** Integer a / b rounded half away from zero (b > 0). */
export function roundDiv(a: number, b: number): number {
  const q = Math.floor((2 * Math.abs(a) + b) / (2 * b));
  return a < 0 ? -q : q;
}

/** Points from integer hundredths. */
export const fromHundredths = (h: number): number => h / 100;
/** Rounded to two decimals, half away from zero. */
export const round2 = (x: number): number => fromHundredths(toHundredths(x));
/** Rounded to four decimals (shares and ratios quoted in explanations). */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
/** x limited to [lo, hi]. */
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function isMap<V>(keyed: Keyed<V>): keyed is ReadonlyMap<number, V> {
  return keyed instanceof Map;
}

/** The value at a key of a Map or a plain record. */
export function lookup<V>(keyed: Keyed<V> | undefined, key: number): V | undefined {
  if (keyed === undefined) return undefined;
  return isMap(keyed) ? keyed.get(key) : keyed[key];
}

/** The entries of a Map or a plain record (undefined values left out), keys as numbers. */
export function entriesOf<V>(keyed: Keyed<V>): [number, V][] {
  if (isMap(keyed)) return [...keyed.entries()];
  const out: [number, V][] = [];
  for (const [key, value] of Object.entries(keyed) as [string, V | undefined][]) if (value !== undefined) out.push([Number(key), value]);
  return out;
}
