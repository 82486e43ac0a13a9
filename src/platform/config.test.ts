import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { loadConfig, parseRecheckDays } from './config.js';

describe('configuration', () => {
  it('reads 回头看 days: a default and per-category overrides', () => {
    expect(loadConfig({}).recheckDays).toEqual({ default: 90, byCategory: {} });
    expect(parseRecheckDays('60; statistical_fraud=180 ;reckless_debt=120')).toEqual({
      default: 60,
      byCategory: { statistical_fraud: 180, reckless_debt: 120 },
    });
  });

  it('refuses a malformed SHIJI_RECHECK_DAYS naming the variable', () => {
    for (const bad of ['x', '0', '90;nonsense=10', '90;formalism=abc']) {
      let error: unknown;
      try {
        loadConfig({ SHIJI_RECHECK_DAYS: bad }, { categories: ['formalism', 'statistical_fraud'] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('SHIJI_RECHECK_DAYS');
    }
  });

  it('reads the time zone from SHIJI_TZ (default Asia/Shanghai) and refuses an unknown one', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ SHIJI_TZ: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ SHIJI_TZ: 'Mars/Olympus' })).toThrow(AppError);
  });

  it('secure cookies default to auto; the trusted proxies are none, all or a list', () => {
    expect(loadConfig({})).toMatchObject({ secureCookies: 'auto', trustProxy: false });
    expect(loadConfig({ SHIJI_SECURE_COOKIES: 'true', SHIJI_TRUST_PROXY: 'true' })).toMatchObject({
      secureCookies: true,
      trustProxy: true,
    });
    expect(loadConfig({ SHIJI_SECURE_COOKIES: 'false', SHIJI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' })).toMatchObject({
      secureCookies: false,
      trustProxy: '127.0.0.1,10.0.0.0/8',
    });
    for (const [name, bad] of [
      ['SHIJI_SECURE_COOKIES', 'yes'],
      ['SHIJI_TRUST_PROXY', 'everyone'],
    ]) {
      expect(() => loadConfig({ [name as string]: bad })).toThrow(AppError);
    }
  });
});
