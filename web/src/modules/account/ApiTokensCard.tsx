import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { ApiToken, ApiTokenList, CreatedToken } from '../../api/types';
import { useT } from '../../i18n';
import { useApiError } from '../../app/useApiError';

const fmt = (v: string | null, fallback: string): string => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : fallback);

/** API 令牌: list, create (shown once) and revoke personal API tokens. */
export function ApiTokensCard() {
  const t = useT();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const [items, setItems] = useState<ApiToken[]>([]);
  const [loading, setLoading] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await api.get<ApiTokenList>('/api/auth/tokens')).items);
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  }, [showError]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    let v: { name: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setCreating(true);
    try {
      const token = await api.post<CreatedToken>('/api/auth/tokens', { name: v.name.trim() });
      setCreateOpen(false);
      form.resetFields();
      setCreated(token);
      void load();
    } catch (error) {
      showError(error, form);
    } finally {
      setCreating(false);
    }
  };

  const revoke = (token: ApiToken) => {
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('account.revokeConfirm', { name: token.name }),
      okText: t('account.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.delete(`/api/auth/tokens/${token.id}`);
          void message.success(t('account.revoked'));
        } catch (error) {
          showError(error);
        }
        void load();
      },
    });
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('common.copied'));
    } catch {
      /* clipboard unavailable (http): the user can still select the text */
    }
  };

  const columns: ColumnsType<ApiToken> = [
    { title: t('account.tokenName'), dataIndex: 'name', key: 'name' },
    {
      title: t('account.tokenPrefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: t('account.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => fmt(v, '—') },
    { title: t('account.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: (v: string | null) => fmt(v, t('common.never')) },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r) =>
        r.revokedAt ? (
          <Tag>{`${t('account.tokenRevoked')} ${fmt(r.revokedAt, '')}`}</Tag>
        ) : (
          <Tag color="green">{t('account.tokenActive')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.revokedAt ? null : (
          <Button type="link" size="small" danger onClick={() => revoke(r)}>
            {t('account.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('account.tokens')}
      size="small"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
          {t('account.createToken')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.tokensHint')}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('common.empty') }}
      />
      <Modal
        open={createOpen}
        title={t('account.createToken')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void create()}
        onCancel={() => setCreateOpen(false)}
        confirmLoading={creating}
        forceRender
      >
        <Form name="apiToken" form={form} layout="vertical" onFinish={() => void create()}>
          <Form.Item
            name="name"
            label={t('account.tokenName')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('account.tokenName') }) }, { max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!created}
        title={t('account.tokenCreated')}
        mask={{ closable: false }}
        onCancel={() => setCreated(null)}
        footer={[
          <Button key="copy" onClick={() => created && void copy(created.token)}>
            {t('common.copy')}
          </Button>,
          <Button key="ok" type="primary" onClick={() => setCreated(null)}>
            {t('common.ok')}
          </Button>,
        ]}
      >
        <Alert type="warning" showIcon title={t('account.tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph code copyable={{ text: created?.token ?? '' }} style={{ wordBreak: 'break-all' }} data-testid="created-token">
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
