/** Pure rules of the org tree: materialised paths, moves and cycle checks. */

/** The path of a child of `parentPath` with id `id`, e.g. `/1/4/` + 17 → `/1/4/17/`. */
export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

/** Depth of a path: `/1/` is 0, `/1/4/` is 1. */
export function pathDepth(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}

/** Is `path` the same as or below `ancestorPath`? */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Would moving the org at `orgPath` under `newParentPath` create a cycle? */
export function wouldCreateCycle(orgPath: string, newParentPath: string): boolean {
  return isWithin(newParentPath, orgPath);
}

/** The new path of a descendant when its ancestor moves from `oldPrefix` to `newPrefix`. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

/** Masks a phone number for display, keeping the first 3 and last 4 digits: 138****1234. */
export function maskContact(contact: string): string {
  const digits = contact.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(Math.max(3, digits.length));
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
