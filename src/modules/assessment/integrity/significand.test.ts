import { describe, expect, it } from 'vitest';
import { benfordDigit, benfordTest } from './benford.js';
import { lcg } from './checks.fixtures.js';
import { lastDigitTest } from './last-digit.js';
import { leadingDigits, leadingDigitsOfFloat, toSignificand } from './significand.js';

describe('exact digits', () => {
  const table: [string | number | bigint, number, number, number][] = [
    [0.3, 3, 0, 30],
    [0.1 + 0.2, 3, 0, 30],
    ['1.23e5', 1, 2, 12],
    ['12,345.6', 1, 2, 12],
    ['-0.0042', 4, 2, 42],
    [123456789012345678901234567890n, 1, 2, 12],
    [-987n, 9, 8, 98],
    [1e21, 1, 0, 10],
    [5e-324, 5, 0, 50],
    [1000, 1, 0, 10],
    [0.000999, 9, 9, 99],
    ['  7 ', 7, 0, 70],
    ['.5', 5, 0, 50],
    ['+6.02E23', 6, 0, 60],
    [-987, 9, 8, 98],
  ];
  it.each(table)('%s → first %i, second %i, first-two %i', (value, first, second, firstTwo) => {
    expect(benfordDigit(value, 'first')).toBe(first);
    expect(benfordDigit(value, 'second')).toBe(second);
    expect(benfordDigit(value, 'first-two')).toBe(firstTwo);
  });
  it.each([
    0,
    -0,
    '0.000',
    '-0',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    'abc',
    '',
    '1.2.3',
    '12%',
    '0x1F',
    '.',
    'e5',
    0n,
  ])('%s has no significant digit', (value) => {
    expect(toSignificand(value)).toBeNull();
    expect(benfordDigit(value, 'first')).toBeNull();
  });
  it('keeps digits and exponent as text', () => {
    expect(toSignificand('12,345.6')).toEqual({ digits: '123456', exponent: 4, isNegative: false });
    expect(toSignificand('-0.0042')).toEqual({ digits: '42', exponent: -3, isNegative: true });
    expect(toSignificand(1200)).toEqual({ digits: '12', exponent: 3, isNegative: false });
  });
  it('agrees with toExponential on 20 000 figures from 1e-300 to 1e300', () => {
    const u = lcg(7);
    for (let i = 0; i < 20_000; i++) {
      const x = (u() < 0.5 ? -1 : 1) * 10 ** (600 * u() - 300);
      const text = Math.abs(x).toExponential();
      const mantissa = text.split('e')[0]?.replace('.', '') ?? '';
      expect(benfordDigit(x, 'first')).toBe(Number(mantissa[0]));
      expect(benfordDigit(x, 'first-two')).toBe(Number(mantissa.padEnd(2, '0').slice(0, 2)));
    }
  });
});

describe('the fast float path reads the same digits as the text', () => {
  // Figures as offices type them (0–4 decimals), values whose scaled float falls a hair short of the digit
  // (0.57 × 100 = 56.999…), integers, powers of ten and their neighbours, and floats from 1e-300 to 1e300.
  const u = lcg(17);
  const figures: number[] = [0.57, 0.29, 0.7, 1.005, 1000, 999.9999999999999, 1e15, 1e21, 123456789012, 4.35, 8.2e-7, 0.1 + 0.2];
  for (let i = 0; i < 20_000; i++) figures.push(Math.round(10 ** (7 * u()) * 10 ** (i % 5)) / 10 ** (i % 5));
  for (let e = -20; e <= 25; e++) figures.push(10 ** e, 10 ** e * (1 - 1e-16), 10 ** e * (1 + 2e-16), 5.7 * 10 ** e, 9.9 * 10 ** e);
  for (let i = 0; i < 5_000; i++) figures.push(10 ** (600 * u() - 300));
  it('leading digits: wherever the float answers, it answers as the text does', () => {
    let answered = 0;
    for (const x of figures) {
      const sig = toSignificand(x);
      if (!sig) continue;
      for (const count of [1, 2]) {
        const fast = leadingDigitsOfFloat(x, count);
        if (fast === undefined) continue;
        answered++;
        expect(fast, `${x} (${count})`).toBe(leadingDigits(sig, count));
      }
    }
    // …and it answers nearly always, or it would not be a fast path.
    expect(answered).toBeGreaterThan(figures.length * 2 * 0.9);
  });
  it('Benford and last-digit results on floats equal those on the same figures as text', () => {
    const texts = figures.map(String);
    for (const test of ['first', 'second', 'first-two'] as const) expect(benfordTest(figures, test)).toEqual(benfordTest(texts, test));
    for (const decimals of [0, 1, 2]) expect(lastDigitTest(figures, { decimals })).toEqual(lastDigitTest(texts, { decimals }));
  });
});
