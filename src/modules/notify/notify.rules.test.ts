import { describe, expect, it } from 'vitest';
import {
  BACKOFF_MS,
  daysBetween,
  deliveryOutcome,
  isWebhookUrl,
  maskUrl,
  MAX_ATTEMPTS,
  nextAttemptAfterFailure,
  packLines,
  reminderDays,
  reminderDue,
  reminderText,
  textPayload,
} from './notify.rules.js';

const none = { lastYellowOn: null, lastRedOn: null };

describe('reminderDue', () => {
  it('sends yellow once, when the item first turns yellow', () => {
    expect(reminderDue('yellow', none, '2026-12-10', 3)).toBe('yellow');
    expect(reminderDue('yellow', { lastYellowOn: '2026-12-10', lastRedOn: null }, '2026-12-10', 3)).toBeNull();
    expect(reminderDue('yellow', { lastYellowOn: '2026-12-10', lastRedOn: null }, '2026-12-30', 3)).toBeNull();
  });
  it('sends red on turning red, then every N days while red', () => {
    expect(reminderDue('red', { lastYellowOn: '2026-12-10', lastRedOn: null }, '2026-12-16', 3)).toBe('red');
    expect(reminderDue('red', { lastYellowOn: null, lastRedOn: '2026-12-16' }, '2026-12-16', 3)).toBeNull();
    expect(reminderDue('red', { lastYellowOn: null, lastRedOn: '2026-12-16' }, '2026-12-18', 3)).toBeNull();
    expect(reminderDue('red', { lastYellowOn: null, lastRedOn: '2026-12-16' }, '2026-12-19', 3)).toBe('red_again');
    expect(reminderDue('red', { lastYellowOn: null, lastRedOn: '2026-12-16' }, '2026-12-17', 1)).toBe('red_again');
    // A scheduler that was off for a while catches up with one reminder, not one per missed period.
    expect(reminderDue('red', { lastYellowOn: null, lastRedOn: '2026-11-01' }, '2026-12-19', 3)).toBe('red_again');
  });
  it('an item that is red when first seen gets the red reminder, never a yellow one', () => {
    expect(reminderDue('red', none, '2026-12-19', 3)).toBe('red');
  });
  it('sends nothing for green or no light', () => {
    expect(reminderDue('green', none, '2026-12-19', 3)).toBeNull();
    expect(reminderDue(null, none, '2026-12-19', 3)).toBeNull();
  });
  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-02-27', '2027-03-01')).toBe(2);
    expect(reminderDays('yellow', '2026-12-20', '2026-12-15')).toBe(5);
    expect(reminderDays('red', '2026-12-20', '2026-12-23')).toBe(3);
  });
});

describe('back-off', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const after = (attempts: number) => nextAttemptAfterFailure(attempts, now)?.getTime() ?? null;
  it('retries after 1 min, 5 min, 30 min, 2 h, 12 h, then gives up', () => {
    expect([1, 2, 3, 4, 5].map((n) => (after(n) ?? 0) - now.getTime())).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 43_200_000]);
    expect(after(6)).toBeNull();
    expect(after(7)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(BACKOFF_MS.length + 1);
  });
});

describe('webhook answers and payloads', () => {
  it('is a success only for a 2xx without a non-zero errcode', () => {
    expect(deliveryOutcome(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(deliveryOutcome(204, '')).toEqual({ ok: true });
    expect(deliveryOutcome(200, 'ok')).toEqual({ ok: true });
    expect(deliveryOutcome(200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toEqual({
      ok: false,
      error: 'errcode 93000: invalid webhook url',
    });
    expect(deliveryOutcome(500, 'boom')).toEqual({ ok: false, error: 'HTTP 500: boom' });
  });
  it('builds the text payload both WeCom and DingTalk accept', () => {
    expect(textPayload('你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
  });
  it('accepts http(s) URLs only, without credentials', () => {
    expect(isWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe(true);
    expect(isWebhookUrl('http://10.0.0.5:8080/hook')).toBe(true);
    expect(isWebhookUrl('ftp://example.com/x')).toBe(false);
    expect(isWebhookUrl('javascript:alert(1)')).toBe(false);
    expect(isWebhookUrl('https://user:pw@example.com/')).toBe(false);
    expect(isWebhookUrl('not a url')).toBe(false);
  });
  it('masks the robot key in the query string', () => {
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=secret')).toBe('https://oapi.dingtalk.com/robot/send?…');
    expect(maskUrl('https://example.com/hook')).toBe('https://example.com/hook');
  });
  it('renders the reminder text and packs lines into messages under the limit', () => {
    const text = reminderText('red', {
      code: 'WT-2026-000001',
      title: '村卫生室无人坐诊',
      deadline: '2026-12-10',
      orgName: '青山县',
      days: 3,
    });
    expect(text).toContain('WT-2026-000001');
    expect(text).toContain('逾期 3 天');
    expect(reminderText('yellow', { code: 'A', title: 'B', deadline: '2026-12-10', orgName: 'C', days: 2 }, 'en-US')).toContain(
      '2 days left',
    );
    const packed = packLines(['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)], 90);
    expect(packed).toEqual([`${'a'.repeat(40)}\n${'b'.repeat(40)}`, 'c'.repeat(40)]);
    expect(packLines(['x'.repeat(200)], 50)[0]).toHaveLength(50);
  });
});
