import { z } from 'zod';

/**
 * The one text schema of every contract. Control characters and lone surrogates never reach the
 * database (PostgreSQL refuses NUL and invalid UTF-8, which used to surface as a 500): a single-line
 * field refuses every C0 control character; a multi-line field lets tab, line feed and carriage return through.
 */

// eslint-disable-next-line no-control-regex
const C0 = /[\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const C0_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a text value, as a message key; null when it is clean. */
export function textProblem(value: string, multiline: boolean): 'reason.control_chars' | 'reason.lone_surrogate' | null {
  if ((multiline ? C0_EXCEPT_WHITESPACE : C0).test(value)) return 'reason.control_chars';
  if (LONE_SURROGATE.test(value)) return 'reason.lone_surrogate';
  return null;
}

const checked = (multiline: boolean) =>
  z.string().superRefine((value, ctx) => {
    const reason = textProblem(value, multiline);
    if (reason) ctx.addIssue({ code: 'custom', message: reason, params: { reason } });
  });

/** A single-line text field (names, titles, codes, search terms): chain `.trim().min().max()` as on `z.string()`. */
export const line = () => checked(false);

/** A multi-line text field (descriptions, comments, notes): tab and newlines allowed. */
export const text = () => checked(true);

/**
 * The path of the first string anywhere in `value` that holds NUL or a lone surrogate (the characters the
 * database cannot store), or null. The safety net behind the schemas, for any input a schema let through.
 */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found =
        typeof key === 'string' && (key.includes('\u0000') || LONE_SURROGATE.test(key))
          ? [...path, key]
          : findUnstorableText(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A file name as a user sent it, made safe to store and to send back: no folders (`../`, `C:\`), no
 * control characters or lone surrogates, no leading dots, at most 200 characters; `file` when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = [...base.replace(new RegExp(LONE_SURROGATE.source, 'g'), '')]
    // eslint-disable-next-line no-control-regex
    .filter((ch) => !/[\u0000-\u001f\u007f"<>|:*?]/.test(ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = [...cleaned];
  if (chars.length > 200) {
    const dot = cleaned.lastIndexOf('.');
    const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    return chars.slice(0, 200 - [...ext].length).join('') + ext;
  }
  return cleaned || 'file';
}
