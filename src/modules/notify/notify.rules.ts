/** Reminder and webhook rules: pure functions, no I/O. */

/** The lights a reminder is sent for. */
export type ReminderLight = 'yellow' | 'red';
/** What a notification tells: turned yellow, turned red, still red. */
/** Reminder kinds of a ledger item's light. */
export const REMINDER_KINDS = ['yellow', 'red', 'red_again'] as const;
/** A reminder's kind. */
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** Kinds of in-app notification: the reminders, and a login throttle told to the security administrators. */
export const NOTIFICATION_KINDS = [...REMINDER_KINDS, 'login_locked'] as const;
/** A notification's kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the last reminders of an item were. */
export interface ReminderHistory {
  /** Day of the last yellow reminder, `YYYY-MM-DD`, or null when none was sent. */
  lastYellowOn: string | null;
  /** Day of the last red reminder, or null. */
  lastRedOn: string | null;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Is a reminder due today for an item of this light? Yellow: once, when it first turns yellow.
 * Red: when it turns red, then again every `repeatDays` days while it stays red.
 * Returns the notification kind to send, or null.
 */
export function reminderDue(
  light: ReminderLight | 'green' | null,
  history: ReminderHistory,
  today: string,
  repeatDays: number,
): ReminderKind | null {
  if (light === 'yellow') return history.lastYellowOn === null ? 'yellow' : null;
  if (light === 'red') {
    if (history.lastRedOn === null) return 'red';
    return daysBetween(history.lastRedOn, today) >= repeatDays ? 'red_again' : null;
  }
  return null;
}

/** The light a notification kind is claimed under in `ledger_reminders`. */
export function reminderLightOf(kind: ReminderKind): ReminderLight {
  return kind === 'yellow' ? 'yellow' : 'red';
}

/** Waits after each failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h; then the delivery has failed. */
export const BACKOFF_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
/** Attempts before a delivery is given up: the first one and one per back-off step. */
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** After `attempts` failed attempts: when to try next, or null to give up (status `failed`). */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  const wait = BACKOFF_MS[attempts - 1];
  if (attempts >= MAX_ATTEMPTS || wait === undefined) return null;
  return new Date(now.getTime() + wait);
}

/** The body WeCom and DingTalk group robots both accept. */
export interface TextPayload {
  msgtype: 'text';
  text: { content: string };
}

/** A text message for a group robot. */
export function textPayload(content: string): TextPayload {
  return { msgtype: 'text', text: { content } };
}

/** Is the answer of a webhook a success? 2xx, and no non-zero `errcode` (WeCom/DingTalk answer 200 with one on errors). */
export function deliveryOutcome(status: number, body: string): { ok: true } | { ok: false; error: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}` };
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (typeof parsed.errcode === 'number' && parsed.errcode !== 0)
      return { ok: false, error: `errcode ${parsed.errcode}: ${String(parsed.errmsg ?? '')}`.slice(0, 500) };
  } catch {
    // Not JSON: a 2xx is enough.
  }
  return { ok: true };
}

/** Is this an acceptable webhook URL (http or https, with a host, no credentials)? */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** A URL with its query string masked (robot keys live there), for the audit log and lists. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

/** Facts a reminder message is built from. */
export interface ReminderFacts {
  code: string;
  title: string;
  deadline: string;
  orgName: string;
  /** Days left (yellow) or days overdue (red). */
  days: number;
}

/** Days from today to the deadline (yellow) or from the deadline to today (red). */
export function reminderDays(kind: ReminderKind, deadline: string, today: string): number {
  return kind === 'yellow' ? daysBetween(today, deadline) : daysBetween(deadline, today);
}

const TEXTS: Record<'zh-CN' | 'en-US', Record<ReminderKind, string>> = {
  'zh-CN': {
    yellow: '【黄灯预警】{code}「{title}」将于 {deadline} 到期（剩 {days} 天），责任单位：{orgName}。请抓紧整改。',
    red: '【红灯督办】{code}「{title}」已超过整改期限 {deadline}（逾期 {days} 天），责任单位：{orgName}。请立即整改并说明情况。',
    red_again: '【持续逾期】{code}「{title}」仍未销号，已逾期 {days} 天（期限 {deadline}），责任单位：{orgName}。',
  },
  'en-US': {
    yellow: '[Yellow] {code} "{title}" is due on {deadline} ({days} days left); responsible: {orgName}.',
    red: '[Red] {code} "{title}" passed its deadline {deadline} ({days} days overdue); responsible: {orgName}.',
    red_again: '[Still red] {code} "{title}" is still open, {days} days overdue (deadline {deadline}); responsible: {orgName}.',
  },
};

/** The reminder text of a kind in a locale. */
export function reminderText(kind: ReminderKind, facts: ReminderFacts, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return TEXTS[locale][kind].replace(/\{(\w+)\}/g, (_, name: string) => String(facts[name as keyof ReminderFacts]));
}

/** Most characters of one robot message (WeCom allows 2048 bytes of text; Chinese is 3 bytes a character). */
export const MESSAGE_MAX_CHARS = 600;

/** Packs lines into as few messages as fit `max` characters each (a longer line gets a message of its own, cut). */
export function packLines(lines: readonly string[], max = MESSAGE_MAX_CHARS): string[] {
  const messages: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current && current.length + 1 + line.length > max) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) messages.push(current);
  return messages;
}
