import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useOrgs } from './orgs.store';
import { buildOrgTree, type OrgNode } from './orgTree';

interface OrgOption {
  value: number;
  title: string;
  disabled?: boolean;
  children: OrgOption[];
}

function toOptions(nodes: readonly OrgNode[], exclude: ReadonlySet<number> | undefined, onlyActive: boolean): OrgOption[] {
  const out: OrgOption[] = [];
  for (const n of nodes) {
    if (exclude?.has(n.org.id)) continue;
    if (onlyActive && !n.org.isActive) continue;
    out.push({ value: n.org.id, title: n.org.name, children: toOptions(n.children, exclude, onlyActive) });
  }
  return out;
}

/** Props of the org picker; works as an antd Form control (value / onChange). */
export interface OrgTreeSelectProps {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Orgs (e.g. a subtree being moved) that may not be picked. */
  exclude?: ReadonlySet<number>;
  /** Hide deactivated orgs (default true). */
  onlyActive?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

/** A TreeSelect of the org tree, searchable by org name. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear, exclude, onlyActive = true, style, id }: OrgTreeSelectProps) {
  const { orgs, loading } = useOrgs();
  const treeData = useMemo(() => toOptions(buildOrgTree(orgs), exclude, onlyActive), [orgs, exclude, onlyActive]);
  return (
    <TreeSelect<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={orgs.length <= 200}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220, ...style }}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
    />
  );
}
