/** Escapes LIKE wildcards in user-supplied or path text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
