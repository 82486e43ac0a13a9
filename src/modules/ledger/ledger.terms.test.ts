import { describe, expect, it } from 'vitest';
import { searchTerms, termOverlap } from './ledger.terms.js';

describe('search terms for duplicate suggestions', () => {
  it('segments Chinese into words and drops the common ledger words', () => {
    const terms = searchTerms('村卫生室无人坐诊', '群众反映看病难，卫生室长期无人值守');
    expect(terms).toEqual(expect.arrayContaining(['卫生室', '坐诊', '无人']));
    expect(terms).not.toContain('群众');
    expect(terms).not.toContain('反映');
    expect(terms.every((t) => t.length >= 2)).toBe(true);
  });

  it('finds two wordings of the same problem alike and different problems not', () => {
    const a = searchTerms('青山县某村卫生室无人坐诊');
    const b = searchTerms('卫生室长期无人坐诊，村民看病难');
    const c = searchTerms('文化广场建成后长期闲置');
    expect(termOverlap(a, b)).toBeGreaterThanOrEqual(0.5);
    expect(termOverlap(a, c)).toBe(0);
  });

  it('is empty for text without words', () => {
    expect(searchTerms('——', '')).toEqual([]);
    expect(termOverlap([], ['卫生室'])).toBe(0);
  });
});
