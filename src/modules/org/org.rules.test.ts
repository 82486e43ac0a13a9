import { describe, expect, it } from 'vitest';
import { childPath, isWithin, maskContact, pathDepth, rebasePath, wouldCreateCycle } from './org.rules.js';

describe('materialised paths', () => {
  it('builds child paths and depths', () => {
    expect(childPath('/', 1)).toBe('/1/');
    expect(childPath('/1/4/', 17)).toBe('/1/4/17/');
    expect(pathDepth('/1/')).toBe(0);
    expect(pathDepth('/1/4/17/')).toBe(2);
  });

  it.each([
    ['/1/4/17/', '/1/4/', true],
    ['/1/4/', '/1/4/', true],
    ['/1/40/', '/1/4/', false],
    ['/1/', '/1/4/', false],
  ])('%s within %s → %s', (path, ancestor, expected) => {
    expect(isWithin(path, ancestor)).toBe(expected);
  });

  it.each([
    ['/1/4/', '/1/4/17/', true],
    ['/1/4/', '/1/4/', true],
    ['/1/4/', '/1/5/', false],
    ['/1/4/', '/1/', false],
    ['/1/4/', '/1/40/', false],
  ])('moving %s under %s is a cycle: %s', (org, parent, expected) => {
    expect(wouldCreateCycle(org, parent)).toBe(expected);
  });

  it('rebases a descendant when its ancestor moves', () => {
    expect(rebasePath('/1/4/17/23/', '/1/4/17/', '/1/5/17/')).toBe('/1/5/17/23/');
    expect(rebasePath('/1/4/17/', '/1/4/17/', '/1/9/3/17/')).toBe('/1/9/3/17/');
    expect(() => rebasePath('/1/5/', '/1/4/', '/1/6/')).toThrow();
  });
});

describe('contact masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0571-8888 1234', '057****1234'],
    ['12345', '*****'],
  ])('%s → %s', (raw, masked) => {
    expect(maskContact(raw)).toBe(masked);
  });
});
