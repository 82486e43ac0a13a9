import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client';
import type { PersonContact, TPerson } from '../../api/types';
import { useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { OrgTreeSelect } from './OrgTreeSelect';
import { PersonFormModal } from './PersonFormModal';

type PrincipalFilter = 'all' | 'true' | 'false';

/** The masked contact with a 查看 link that fetches (and logs) the full number. */
function ContactCell({ person }: { person: TPerson }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!person.contactMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (full !== null) return <Typography.Text copyable>{full}</Typography.Text>;
  const view = async () => {
    setLoading(true);
    try {
      const res = await api.get<PersonContact>(`/api/people/${person.id}/contact`);
      setFull(res.contact ?? '—');
      void message.info(t('person.viewLogged'));
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space size={4}>
      <span>{person.contactMasked}</span>
      {can('person.contact') && (
        <Button type="link" size="small" loading={loading} onClick={() => void view()} style={{ padding: 0 }}>
          {t('person.view')}
        </Button>
      )}
    </Space>
  );
}

/** 干部队伍: server-paged cadre table with search, org and 一把手 filters. */
export default function PeoplePage() {
  const t = useT();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q.trim(), 300);
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [principal, setPrincipal] = useState<PrincipalFilter>('all');
  const [editing, setEditing] = useState<TPerson | undefined>(undefined);
  const [formOpen, setFormOpen] = useState(false);

  const list = usePagedQuery<TPerson>('/api/people', {
    q: debouncedQ,
    orgId,
    subtree: orgId ? true : undefined,
    isPrincipal: principal === 'all' ? undefined : principal,
  });
  const { data, reload, pagination } = list;

  const columns: ColumnsType<TPerson> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      key: 'name',
      width: 120,
      render: (name: string, p) => <span title={p.nameInitials}>{name}</span>,
    },
    { title: t('person.org'), dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    { title: t('person.position'), dataIndex: 'position', key: 'position', ellipsis: true },
    { title: t('person.rank'), dataIndex: 'rank', key: 'rank', width: 120 },
    {
      title: t('person.isPrincipal'),
      dataIndex: 'isPrincipal',
      key: 'isPrincipal',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="red">{t('person.principalTag')}</Tag> : null),
    },
    { title: t('person.contact'), key: 'contact', width: 200, render: (_: unknown, p) => <ContactCell key={p.id} person={p} /> },
    {
      title: t('common.status'),
      dataIndex: 'isActive',
      key: 'isActive',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
  ];
  if (can('person.write')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, p) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditing(p);
            setFormOpen(true);
          }}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  const settings = useColumnSettings('people', columns);

  return (
    <Card
      title={t('menu.people')}
      extra={
        can('person.write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            {t('person.add')}
          </Button>
        )
      }
    >
      <ListToolbar
        onReset={() => {
          setQ('');
          setOrgId(undefined);
          setPrincipal('all');
        }}
        onReload={() => void reload()}
        settings={settings}
      >
        <Input.Search
          allowClear
          placeholder={t('person.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
        />
        <OrgTreeSelect
          allowClear
          value={orgId}
          onChange={setOrgId}
          placeholder={t('person.orgFilter')}
          onlyActive={false}
          style={{ width: 260 }}
        />
        <Select<PrincipalFilter>
          value={principal}
          onChange={setPrincipal}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: `${t('person.principalFilter')}: ${t('common.all')}` },
            { value: 'true', label: `${t('person.principalFilter')}: ${t('common.yes')}` },
            { value: 'false', label: `${t('person.principalFilter')}: ${t('common.no')}` },
          ]}
        />
      </ListToolbar>
      <Table<TPerson>
        rowKey="id"
        size={settings.density}
        columns={settings.columns}
        dataSource={data.items}
        {...tableLoading(list, t('common.empty'))}
        scroll={{ x: Math.max(settings.scrollX, 800) }}
        pagination={pagination}
      />
      <PersonFormModal
        open={formOpen}
        person={editing}
        defaultOrgId={orgId}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          void reload();
        }}
      />
    </Card>
  );
}
