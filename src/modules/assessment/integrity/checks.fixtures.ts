/** Samples and assertions shared by the integrity checks' tests (test support: imported by *.test.ts only). */
import { expect } from 'vitest';
import type { IntegrityFlag, Refusal } from './types.js';

/** A tiny deterministic LCG (Numerical Recipes constants): test data must be the same on every run. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Log-uniform figures over `orders` decades: the textbook Benford-conforming sample. */
export function logUniform(count: number, seed: number, orders = 5): number[] {
  const u = lcg(seed);
  return Array.from({ length: count }, () => Number((10 ** (1 + orders * u())).toPrecision(8)));
}

/** The result of a check that must not refuse. */
export function accepted<T extends { refused: false }>(result: T | Refusal): T {
  if (result.refused) throw new Error(`unexpected refusal ${result.reason.key} ${JSON.stringify(result.reason.params)}`);
  return result;
}

/** The refusal of a check that must refuse. */
export function refused(result: { refused: boolean } & object): Refusal {
  if (!('reason' in result) || result.refused !== true) throw new Error('expected a refusal');
  return result as Refusal;
}

/** A flag must be storable and showable as is: JSON round-trip with no loss (no NaN, no Infinity, no undefined). */
export function expectExplained(flag: IntegrityFlag | null | undefined): IntegrityFlag {
  expect(flag).toBeTruthy();
  const f = flag as IntegrityFlag;
  expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  expect(f.reason.key).toMatch(/^integrity\./);
  expect(Number.isFinite(f.statistic.value)).toBe(true);
  expect(Number.isFinite(f.threshold.value)).toBe(true);
  return f;
}

/** The first Fibonacci numbers, exactly (BigInt): a known Benford-conforming sequence. */
export const fibonacci = (count: number): bigint[] => {
  const out: bigint[] = [];
  let [a, b] = [1n, 1n];
  for (let i = 0; i < count; i++) {
    out.push(a);
    [a, b] = [b, a + b];
  }
  return out;
};
