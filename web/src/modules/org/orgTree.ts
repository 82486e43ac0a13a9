import type { TOrg } from '../../api/types';

/** An org with its children, built client-side from the flat list. */
export interface OrgNode {
  org: TOrg;
  children: OrgNode[];
}

/** Builds the forest by parentId; roots are orgs whose parent is not in the list. */
export function buildOrgTree(orgs: readonly TOrg[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  for (const org of orgs) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]): void => {
    list.sort((a, b) => a.org.sortOrder - b.org.sortOrder || a.org.path.localeCompare(b.org.path) || a.org.id - b.org.id);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Keeps nodes whose name contains `keyword`, and their ancestors; also returns the keys to expand. */
export function filterOrgTree(roots: readonly OrgNode[], keyword: string): { roots: OrgNode[]; expand: number[] } {
  const k = keyword.trim().toLowerCase();
  if (!k) return { roots: [...roots], expand: [] };
  const expand: number[] = [];
  const walk = (list: readonly OrgNode[]): OrgNode[] => {
    const out: OrgNode[] = [];
    for (const node of list) {
      const children = walk(node.children);
      const hit = node.org.name.toLowerCase().includes(k) || (node.org.code ?? '').toLowerCase().includes(k);
      if (hit || children.length > 0) {
        if (children.length > 0) expand.push(node.org.id);
        out.push({ org: node.org, children: hit && children.length === 0 ? node.children : children });
      }
    }
    return out;
  };
  return { roots: walk(roots), expand };
}

/** Ids of a node and everything below it. */
export function subtreeIds(orgs: readonly TOrg[], id: number): Set<number> {
  const root = orgs.find((o) => o.id === id);
  const ids = new Set<number>();
  if (!root) return ids;
  for (const o of orgs) if (o.path.startsWith(root.path)) ids.add(o.id);
  ids.add(id);
  return ids;
}
