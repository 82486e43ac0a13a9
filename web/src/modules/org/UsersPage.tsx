import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { ROLES, type Role, type TUser } from '../../api/types';
import { useT, type MessageKey } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { UserDialogs, type UserDialog } from './UserDialogs';

type SwitchAction = 'lock' | 'unlock' | 'disable' | 'enable';

/** Status tags of a user account. */
function UserStatus({ user }: { user: TUser }) {
  const t = useT();
  const tags = [];
  if (user.isDisabled) tags.push(<Tag key="d">{t('user.statusDisabled')}</Tag>);
  if (user.isLocked)
    tags.push(
      <Tooltip
        key="l"
        title={user.lockedUntil ? t('user.lockedUntil', { time: dayjs(user.lockedUntil).format('YYYY-MM-DD HH:mm') }) : undefined}
      >
        <Tag color="red">{t('user.statusLocked')}</Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="m" color="orange">
        {t('user.statusMustChange')}
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="n" color="green">
        {t('user.statusNormal')}
      </Tag>,
    );
  return (
    <Space size={0} wrap>
      {tags}
    </Space>
  );
}

/** 用户管理: user accounts with lock, disable, reset-password and role actions. */
export default function UsersPage() {
  const t = useT();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q.trim(), 300);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [dialog, setDialog] = useState<UserDialog>(null);
  const creatable = can('user.create');

  const list = usePagedQuery<TUser>('/api/users', { q: debouncedQ, role });
  const { data, reload, pagination } = list;

  const switchUser = (user: TUser, action: SwitchAction) => {
    const label = t(`user.${action}` as MessageKey);
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('user.confirmAction', { name: `${user.displayName}（${user.username}）`, action: label }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action === 'lock' || action === 'disable' },
      onOk: async () => {
        try {
          await api.post<TUser>(`/api/users/${user.id}/${action}`, { version: user.version });
          void message.success(t('user.done'));
        } catch (error) {
          showError(error);
        }
        void reload();
      },
    });
  };

  const columns: ColumnsType<TUser> = [
    { title: t('user.username'), dataIndex: 'username', key: 'username', width: 140 },
    { title: t('user.displayName'), dataIndex: 'displayName', key: 'displayName', width: 120 },
    { title: t('user.org'), dataIndex: 'orgName', key: 'orgName', width: 160, ellipsis: true },
    { title: t('user.role'), dataIndex: 'role', key: 'role', width: 130, render: (r: Role) => <Tag color="blue">{t(`role.${r}`)}</Tag> },
    { title: t('user.scope'), dataIndex: 'scope', key: 'scope', width: 130, render: (s: TUser['scope']) => t(`scope.${s}`) },
    { title: t('common.status'), key: 'status', width: 160, render: (_: unknown, u) => <UserStatus user={u} /> },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 160,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('common.never')),
    },
  ];
  if (data.items.some((u) => u.acts.length > 0)) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      // Only what the server's account rule allows this caller on this account (三员分立, scope, not oneself).
      render: (_: unknown, u) => {
        const may = (act: TUser['acts'][number]) => u.acts.includes(act);
        const lockAct = u.isLocked ? 'unlock' : 'lock';
        const disableAct = u.isDisabled ? 'enable' : 'disable';
        return (
          <Space size={0} wrap>
            {may('update') && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                {t('common.edit')}
              </Button>
            )}
            {may(lockAct) && (
              <Button type="link" size="small" onClick={() => switchUser(u, lockAct)}>
                {t(`user.${lockAct}`)}
              </Button>
            )}
            {may(disableAct) && (
              <Button type="link" size="small" danger={!u.isDisabled} onClick={() => switchUser(u, disableAct)}>
                {t(`user.${disableAct}`)}
              </Button>
            )}
            {may('reset-password') && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                {t('user.resetPassword')}
              </Button>
            )}
            {may('set-role') && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'role', user: u })}>
                {t('user.setRole')}
              </Button>
            )}
          </Space>
        );
      },
    });
  }

  const settings = useColumnSettings('users', columns);

  return (
    <Card
      title={t('menu.users')}
      extra={
        creatable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('user.add')}
          </Button>
        )
      }
    >
      <ListToolbar
        onReset={() => {
          setQ('');
          setRole(undefined);
        }}
        onReload={() => void reload()}
        settings={settings}
      >
        <Input.Search
          allowClear
          placeholder={t('user.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 240 }}
        />
        <Select<Role>
          allowClear
          placeholder={t('user.roleFilter')}
          value={role}
          onChange={(v) => setRole(v ?? undefined)}
          style={{ width: 180 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </ListToolbar>
      <Table<TUser>
        rowKey="id"
        size={settings.density}
        columns={settings.columns}
        dataSource={data.items}
        {...tableLoading(list, t('common.empty'))}
        scroll={{ x: Math.max(settings.scrollX, 900) }}
        pagination={pagination}
      />
      <UserDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          void reload();
        }}
      />
    </Card>
  );
}
