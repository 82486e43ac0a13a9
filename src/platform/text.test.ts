import { describe, expect, it } from 'vitest';
import { findUnstorableText, line, safeFileName, text, textProblem } from './text.js';

describe('the shared text schema', () => {
  it.each([
    ['plain', '整改 OK', false, null],
    ['NUL', 'a\u0000b', false, 'reason.control_chars'],
    ['bell', 'a\u0007b', true, 'reason.control_chars'],
    ['escape', 'a\u001bb', true, 'reason.control_chars'],
    ['tab on one line', 'a\tb', false, 'reason.control_chars'],
    ['newline on one line', 'a\nb', false, 'reason.control_chars'],
    ['tab and newlines in a multi-line field', 'a\tb\r\nc', true, null],
    ['lone high surrogate', 'a\ud800b', false, 'reason.lone_surrogate'],
    ['lone low surrogate', '\udc00', true, 'reason.lone_surrogate'],
    ['surrogate pair (emoji)', '🚧', false, null],
    ['DEL is not C0', 'a\u007fb', false, null],
  ] as const)('%s', (_name, value, multiline, expected) => {
    expect(textProblem(value, multiline)).toBe(expected);
    const result = (multiline ? text() : line()).safeParse(value);
    expect(result.success).toBe(expected === null);
    if (!result.success) expect(result.error.issues[0]).toMatchObject({ code: 'custom', params: { reason: expected } });
  });

  it('chains like z.string()', () => {
    expect(line().trim().min(1).max(3).safeParse('  ab  ')).toEqual({ success: true, data: 'ab' });
    expect(line().trim().min(1).max(3).safeParse('abcd').success).toBe(false);
  });

  it('finds the path of NUL or a lone surrogate anywhere in an input', () => {
    expect(findUnstorableText({ a: 'ok', b: [{ c: 'ok' }, { c: 'x\u0000' }] })).toEqual(['b', 1, 'c']);
    expect(findUnstorableText({ ['k\ud800']: 1 })).toEqual(['k\ud800']);
    expect(findUnstorableText({ a: 'tab\tand\nnewline', n: 1, z: null })).toBeNull();
  });
});

describe('file names from uploads', () => {
  it.each([
    ['photo.png', 'photo.png'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\x.dll', 'x.dll'],
    ['a\u0000b.png', 'ab.png'],
    ['照片<1>|?.png', '照片1.png'],
    ['.htaccess', 'htaccess'],
    ['...', 'file'],
    ['', 'file'],
    ['bad\ud800.txt', 'bad.txt'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('keeps the extension when it shortens a long name to 200 characters', () => {
    const name = safeFileName(`${'长'.repeat(300)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.docx')).toBe(true);
  });
});
