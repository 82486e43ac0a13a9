import { describe, expect, it } from 'vitest';
import { expectExplained } from './checks.fixtures.js';
import { sumFlags } from './sum.js';

describe('sums', () => {
  it('quiet when the parts add up, even through decimal rounding', () => {
    expect(
      sumFlags({ orgId: 1, value: 1000 }, [
        { orgId: 2, value: 300.1 },
        { orgId: 3, value: 399.9 },
        { orgId: 4, value: 300 },
      ]),
    ).toEqual([]);
    expect(
      sumFlags(
        { orgId: 1, value: 0.3 },
        [
          { orgId: 2, value: 0.1 },
          { orgId: 3, value: 0.2 },
        ],
        { tolerance: 0 },
      ),
    ).toEqual([]);
  });
  it('a difference of exactly 0.5% passes; beyond it fires, quoting total, sum, difference and parts', () => {
    expect(
      sumFlags({ orgId: 1, value: 200 }, [
        { orgId: 2, value: 100 },
        { orgId: 3, value: 101 },
      ]),
    ).toEqual([]);
    const flags = sumFlags({ orgId: 1, value: 200 }, [
      { orgId: 2, value: 100 },
      { orgId: 3, value: 101.5 },
    ]);
    expect(flags).toHaveLength(1);
    const flag = expectExplained(flags[0]);
    expect(flag).toMatchObject({
      check: 'sum',
      orgId: 1,
      statistic: { name: 'relative_difference', value: 0.0075 },
      threshold: { op: '>', value: 0.005 },
    });
    expect(flag.inputs).toMatchObject({ total: 200, partsSum: 201.5, difference: 1.5 });
    expect(flag.reason.key).toBe('integrity.sum.mismatch');
  });
  it('a zero total is compared with the sum of its parts', () => {
    expect(sumFlags({ orgId: 1, value: 0 }, [{ orgId: 2, value: 0 }])).toEqual([]);
    expect(sumFlags({ orgId: 1, value: 0 }, [{ orgId: 2, value: 3 }])[0]?.statistic.value).toBe(1);
  });
});
