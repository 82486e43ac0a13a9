import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, AppError, type ErrorCode } from './errors.js';
import { hasMessage, messageKeys, translate } from './i18n.js';
import { ITEM_ACTIONS, ITEM_STATUSES } from '../modules/ledger/index.js';

const CJK = /[\u4e00-\u9fff]/;
const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Every server source file but the tests. */
function sources(dir = join(import.meta.dirname, '..')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('every refusal speaks zh-CN and en', () => {
  it.each(codes)('error %s has a Chinese and an English message', (code) => {
    expect(hasMessage('zh-CN', `error.${code}`)).toBe(true);
    expect(hasMessage('en-US', `error.${code}`)).toBe(true);
    const zh = new AppError(code, { field: 'title', reason: 'reason.required', entity: 'entity.item', minutes: 3 }).toBody('zh-CN').error
      .message;
    const en = new AppError(code, { field: 'title', reason: 'reason.required', entity: 'entity.item', minutes: 3 }).toBody('en-US').error
      .message;
    expect(zh).toMatch(CJK);
    expect(en).not.toMatch(CJK);
    expect(zh).not.toEqual(en);
  });

  it('both dictionaries hold the same keys', () => {
    const zh = new Set(messageKeys('zh-CN'));
    const en = new Set(messageKeys('en-US'));
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('every reason, entity and parameter key the server code throws is in both dictionaries', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      // Literal keys handed to AppError / notFound: reason: '…', entity: '…', notFound('…'), and key-valued params.
      for (const m of text.matchAll(/new AppError\([^;]*?\)|notFound\('[^']+'\)/gs)) {
        for (const k of m[0].matchAll(/'((?:reason|entity|password|integrity|state|step)\.[\w.-]+)'/g)) {
          seen += 1;
          const key = k[1] ?? '';
          for (const locale of ['zh-CN', 'en-US'] as const) if (!hasMessage(locale, key)) missing.push(`${locale} ${key} (${file})`);
        }
        // A free-text reason would reach the user in English only.
        const free = /reason: '(?!(?:reason|password|integrity)\.)[^']*'/.exec(m[0]);
        if (free) missing.push(`free-text ${free[0]} (${file})`);
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('the ledger’s states and steps, named in its refusals, have words in both languages', () => {
    for (const key of [...ITEM_STATUSES.map((s) => `state.${s}`), ...ITEM_ACTIONS.map((a) => `step.${a}`)]) {
      expect(hasMessage('zh-CN', key), key).toBe(true);
      expect(hasMessage('en-US', key), key).toBe(true);
    }
  });

  it('the account refusals and the validation reasons render without a raw key', () => {
    for (const reason of [
      'reason.account.self',
      'reason.account.admin_account',
      'reason.account.not_your_duty',
      'reason.account.wider_than_yours',
      'reason.control_chars',
      'reason.lone_surrogate',
    ]) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        const text = new AppError(reason.startsWith('reason.account') ? 'forbidden' : 'validation', { field: 'x', reason }).toBody(locale)
          .error.message;
        expect(text).not.toContain('reason.');
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
    expect(translate('zh-CN', 'error.validation', { field: 'orgId', reason: 'reason.invalid_type', expected: 'type.number' })).toBe(
      '字段 orgId 无效：应为 数字',
    );
  });
});
