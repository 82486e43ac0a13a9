import { useEffect, useMemo, useState, type Key } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import { PlusOutlined, EditOutlined, DragOutlined, StopOutlined, CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DataNode } from 'antd/es/tree';
import { api } from '../../api/client';
import type { TOrg } from '../../api/types';
import { useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useDebounced } from '../../app/useDebounced';
import { useOrgs } from './orgs.store';
import { buildOrgTree, filterOrgTree, type OrgNode } from './orgTree';
import { OrgFormModal } from './OrgFormModal';
import { OrgMoveModal } from './OrgMoveModal';

function toTreeData(nodes: readonly OrgNode[], inactiveLabel: string): DataNode[] {
  return nodes.map((n) => ({
    key: n.org.id,
    title: n.org.isActive ? (
      n.org.name
    ) : (
      <span>
        <Typography.Text type="secondary">{n.org.name}</Typography.Text> <Tag>{inactiveLabel}</Tag>
      </span>
    ),
    children: toTreeData(n.children, inactiveLabel),
  }));
}

type Dialog = 'create' | 'edit' | 'move' | null;

/** 组织机构: the org tree on the left, details and actions on the right. */
export default function OrgsPage() {
  const t = useT();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const { orgs, loading, reload } = useOrgs();
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword, 250);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [autoExpandParent, setAutoExpandParent] = useState(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const writable = can('org.write');

  const roots = useMemo(() => buildOrgTree(orgs), [orgs]);
  const filtered = useMemo(() => filterOrgTree(roots, debounced), [roots, debounced]);
  const treeData = useMemo(() => toTreeData(filtered.roots, t('common.inactive')), [filtered, t]);
  const selected = useMemo(() => orgs.find((o) => o.id === selectedId), [orgs, selectedId]);
  const parent = useMemo(() => (selected?.parentId ? orgs.find((o) => o.id === selected.parentId) : undefined), [orgs, selected]);

  // First load: select the root and open the first two levels.
  useEffect(() => {
    if (roots.length === 0) return;
    if (selectedId === null) setSelectedId(roots[0]?.org.id ?? null);
    setExpanded((prev) => (prev.length > 0 ? prev : roots.flatMap((r) => [r.org.id, ...r.children.map((c) => c.org.id)])));
  }, [roots, selectedId]);

  useEffect(() => {
    if (debounced.trim()) {
      setExpanded(filtered.expand);
      setAutoExpandParent(true);
    }
  }, [debounced, filtered]);

  const afterSave = async (org: TOrg) => {
    setDialog(null);
    await reload();
    setSelectedId(org.id);
    if (org.parentId !== null) {
      const parentId = org.parentId;
      setExpanded((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
      setAutoExpandParent(true);
    }
  };

  const toggleActive = (org: TOrg) => {
    const activate = !org.isActive;
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t(activate ? 'org.activateConfirm' : 'org.deactivateConfirm', { name: org.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !activate },
      onOk: async () => {
        try {
          await api.post<TOrg>(`/api/orgs/${org.id}/${activate ? 'activate' : 'deactivate'}`, { version: org.version });
          void message.success(t(activate ? 'org.activated' : 'org.deactivated'));
          await reload();
        } catch (error) {
          showError(error);
          void reload();
        }
      },
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={9} lg={8}>
        <Card
          title={t('menu.orgs')}
          size="small"
          extra={
            <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void reload()} aria-label={t('common.refresh')} />
          }
          styles={{ body: { minHeight: 480 } }}
        >
          <Input.Search
            allowClear
            placeholder={t('org.searchPlaceholder')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            style={{ marginBottom: 12 }}
          />
          <Spin spinning={loading && orgs.length === 0}>
            {treeData.length === 0 && !loading ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={debounced ? t('common.empty') : t('org.noOrgs')} />
            ) : (
              <Tree
                blockNode
                showLine
                treeData={treeData}
                selectedKeys={selectedId === null ? [] : [selectedId]}
                expandedKeys={expanded}
                autoExpandParent={autoExpandParent}
                onExpand={(keys) => {
                  setExpanded(keys);
                  setAutoExpandParent(false);
                }}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (key !== undefined) setSelectedId(Number(key));
                }}
                height={640}
              />
            )}
          </Spin>
        </Card>
      </Col>
      <Col xs={24} md={15} lg={16}>
        <Card
          title={selected ? selected.name : t('org.detail')}
          size="small"
          extra={
            writable && selected ? (
              <Space wrap>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')} disabled={!selected.isActive}>
                  {t('org.addChild')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                  {t('org.edit')}
                </Button>
                <Button icon={<DragOutlined />} onClick={() => setDialog('move')} disabled={selected.parentId === null}>
                  {t('org.move')}
                </Button>
                {selected.isActive ? (
                  <Button danger icon={<StopOutlined />} onClick={() => toggleActive(selected)} disabled={selected.parentId === null}>
                    {t('org.deactivate')}
                  </Button>
                ) : (
                  <Button icon={<CheckCircleOutlined />} onClick={() => toggleActive(selected)}>
                    {t('org.activate')}
                  </Button>
                )}
              </Space>
            ) : null
          }
        >
          {selected ? (
            <Descriptions
              bordered
              column={{ xs: 1, sm: 1, md: 2 }}
              size="middle"
              items={[
                { key: 'name', label: t('org.name'), children: selected.name },
                { key: 'code', label: t('org.code'), children: selected.code ?? '—' },
                { key: 'level', label: t('org.level'), children: t(`level.${selected.level}`) },
                { key: 'zone', label: t('org.zone'), children: t(`zone.${selected.zone}`) },
                {
                  key: 'status',
                  label: t('common.status'),
                  children: selected.isActive ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
                },
                { key: 'parent', label: t('org.parent'), children: parent?.name ?? '—' },
              ]}
            />
          ) : (
            <Empty description={t('org.selectHint')} />
          )}
        </Card>
      </Col>
      <OrgFormModal open={dialog === 'create'} parent={selected} onClose={() => setDialog(null)} onSaved={(o) => void afterSave(o)} />
      <OrgFormModal open={dialog === 'edit'} org={selected} onClose={() => setDialog(null)} onSaved={(o) => void afterSave(o)} />
      <OrgMoveModal open={dialog === 'move'} org={selected} onClose={() => setDialog(null)} onMoved={(o) => void afterSave(o)} />
    </Row>
  );
}
