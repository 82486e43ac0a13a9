import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type * as c from '../../../../src/modules/notify/notify.contract';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useApiError } from '../../app/useApiError';
import { useFormSubmit } from '../../app/useFormSubmit';
import { usePagedQuery } from '../../app/usePagedQuery';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { OrgTreeSelect } from '../org/OrgTreeSelect';

type TWebhook = z.infer<typeof c.ZWebhook>;
type TDelivery = z.infer<typeof c.ZDelivery>;
type DeliveryStatus = TDelivery['status'];

const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

interface WebhookForm {
  orgId: number;
  url: string;
  enabled: boolean;
}

/** Create or edit an org's webhook; the version of an existing one is sent along. */
function WebhookModal({
  open,
  initial,
  webhooks,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: TWebhook | null;
  webhooks: TWebhook[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookForm>();
  const { saving, submit } = useFormSubmit(form, async (values) => {
    const existing = webhooks.find((w) => w.orgId === values.orgId);
    await api.put<TWebhook>('/api/notify/webhooks', {
      ...values,
      url: values.url.trim(),
      ...(existing ? { version: existing.version } : {}),
    });
    void message.success(t('common.saved'));
    onSaved();
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial) form.setFieldsValue({ orgId: initial.orgId, url: initial.url, enabled: initial.enabled });
  }, [open, initial, form]);
  return (
    <Modal
      title={t(initial ? 'notify.editWebhook' : 'notify.addWebhook')}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} name="webhook" layout="vertical" initialValues={{ enabled: true }}>
        <Form.Item
          name="orgId"
          label={t('notify.org')}
          rules={[{ required: true, message: t('common.requiredSelect', { label: t('notify.org') }) }]}
        >
          <OrgTreeSelect placeholder={t('notify.org')} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notify.url')}
          rules={[
            { required: true, message: t('common.required', { label: t('notify.url') }) },
            { pattern: /^https?:\/\/\S+$/i, message: t('notify.urlInvalid') },
          ]}
        >
          <Input placeholder={t('notify.urlPlaceholder')} maxLength={1000} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notify.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 消息推送: the system administrator's group-robot webhooks per org and the delivery log with retry. */
export default function NotifyPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [webhooks, setWebhooks] = useState<TWebhook[]>([]);
  const [loadingHooks, setLoadingHooks] = useState(false);
  const [editing, setEditing] = useState<{ open: boolean; initial: TWebhook | null }>({ open: false, initial: null });
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const deliveries = usePagedQuery<TDelivery>('/api/notify/deliveries', { status: status === 'all' ? undefined : status });

  const loadHooks = useCallback(async () => {
    setLoadingHooks(true);
    try {
      setWebhooks((await api.get<{ items: TWebhook[] }>('/api/notify/webhooks')).items);
    } catch (error) {
      showError(error);
    } finally {
      setLoadingHooks(false);
    }
  }, [showError]);
  useEffect(() => {
    void loadHooks();
  }, [loadHooks]);

  const toggle = async (w: TWebhook, enabled: boolean) => {
    try {
      await api.put<TWebhook>('/api/notify/webhooks', { orgId: w.orgId, url: w.url, enabled, version: w.version });
      void message.success(t('common.saved'));
    } catch (error) {
      showError(error);
    }
    await loadHooks();
  };
  const retry = async (d: TDelivery) => {
    try {
      await api.post(`/api/notify/deliveries/${d.id}/retry`);
      void message.success(t('notify.delivery.retried'));
      await deliveries.reload();
    } catch (error) {
      showError(error);
    }
  };

  const hookColumns: ColumnsType<TWebhook> = [
    { title: t('notify.org'), dataIndex: 'orgName', key: 'org', width: 200 },
    {
      title: t('notify.url'),
      dataIndex: 'url',
      key: 'url',
      render: (v: string) => (
        <Typography.Text copyable={{ text: v }} ellipsis style={{ maxWidth: 480 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('notify.enabled'),
      dataIndex: 'enabled',
      key: 'enabled',
      width: 90,
      render: (v: boolean, w) => <Switch checked={v} onChange={(next) => void toggle(w, next)} />,
    },
    { title: t('notify.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', width: 160, render: time },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, w) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ open: true, initial: w })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  const deliveryColumns: ColumnsType<TDelivery> = [
    { title: t('notify.delivery.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, render: time },
    { title: t('notify.org'), dataIndex: 'orgName', key: 'org', width: 140 },
    {
      title: t('notify.delivery.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (v: DeliveryStatus) => <Tag color={STATUS_COLOR[v]}>{t(`notify.delivery.status.${v}`)}</Tag>,
    },
    {
      title: t('notify.delivery.content'),
      dataIndex: 'content',
      key: 'content',
      render: (v: string) => (
        <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>}>
          <Typography.Text ellipsis style={{ maxWidth: 320 }}>
            {v}
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('notify.delivery.attempts'), dataIndex: 'attempts', key: 'attempts', width: 100 },
    {
      title: t('notify.delivery.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      width: 220,
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 210 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('notify.delivery.nextAttempt'), dataIndex: 'nextAttemptAt', key: 'nextAttemptAt', width: 150, render: time },
    { title: t('notify.delivery.deliveredAt'), dataIndex: 'deliveredAt', key: 'deliveredAt', width: 150, render: time },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, d) =>
        d.status === 'failed' ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void retry(d)} data-testid={`retry-${d.id}`}>
            {t('notify.delivery.retry')}
          </Button>
        ) : null,
    },
  ];

  const settings = useColumnSettings('notify.deliveries', deliveryColumns);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notify.page.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('notify.page.hint')} />
      <Card
        title={t('notify.webhooks')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, initial: null })}>
            {t('notify.addWebhook')}
          </Button>
        }
      >
        <Table<TWebhook>
          rowKey="id"
          size="middle"
          loading={loadingHooks}
          columns={hookColumns}
          dataSource={webhooks}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('notify.noWebhooks') }}
        />
      </Card>
      <Card title={t('notify.deliveries')}>
        <ListToolbar onReset={() => setStatus('all')} onReload={() => void deliveries.reload()} settings={settings}>
          <Segmented<DeliveryStatus | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              { label: t('common.all'), value: 'all' },
              { label: t('notify.delivery.status.failed'), value: 'failed' },
              { label: t('notify.delivery.status.pending'), value: 'pending' },
              { label: t('notify.delivery.status.delivered'), value: 'delivered' },
            ]}
          />
        </ListToolbar>
        <Table<TDelivery>
          rowKey="id"
          size={settings.density}
          {...tableLoading(deliveries, t('common.empty'))}
          columns={settings.columns}
          dataSource={deliveries.data.items}
          pagination={deliveries.pagination}
          scroll={{ x: Math.max(settings.scrollX, 900) }}
        />
      </Card>
      <WebhookModal
        open={editing.open}
        initial={editing.initial}
        webhooks={webhooks}
        onClose={() => setEditing({ open: false, initial: null })}
        onSaved={() => {
          setEditing({ open: false, initial: null });
          void loadHooks();
        }}
      />
    </Space>
  );
}
