import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type * as c from '../../../../src/modules/notify/notify.contract';
import { api } from '../../api/client';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { useApiError } from '../../app/useApiError';

type TNotification = z.infer<typeof c.ZNotification>;
type NotificationPage = z.infer<typeof c.ZNotificationPage>;

const POLL_MS = 60_000;
const KIND_COLOR: Record<TNotification['kind'], string> = { yellow: 'gold', red: 'red', red_again: 'volcano', login_locked: 'purple' };

/** The notification's text in the reader's language (the stored body is zh-CN). */
export function notificationText(t: TFunction, n: TNotification): string {
  const p = n.params;
  if (n.kind === 'login_locked') {
    const client = p.client === 'trusted_device' ? t('notify.client.trusted_device') : String(p.client ?? '');
    return t('notify.text.login_locked', {
      username: String(p.username ?? ''),
      displayName: String(p.displayName ?? ''),
      client,
      failures: Number(p.failures ?? 0),
      minutes: Number(p.minutes ?? 0),
    });
  }
  if (typeof p.code !== 'string') return n.body;
  return t(`notify.text.${n.kind}` as MessageKey, {
    code: p.code,
    title: String(p.title ?? ''),
    deadline: String(p.deadline ?? ''),
    days: Number(p.days ?? 0),
  });
}

/** The header bell: unread count (polled every minute and when the window regains focus) and the latest notifications. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<TNotification[]>([]);
  const [loading, setLoading] = useState(false);

  const refreshCount = useCallback(async () => {
    try {
      setCount((await api.get<{ count: number }>('/api/notifications/unread-count')).count);
    } catch {
      // A failed poll is retried on the next tick; the session handler deals with a 401.
    }
  }, []);
  const loadList = useCallback(async () => {
    setLoading(true);
    try {
      const page = await api.get<NotificationPage>('/api/notifications', { pageSize: 10 });
      setItems(page.items);
      setCount(page.unread);
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  }, [showError]);

  useEffect(() => {
    void refreshCount();
    const timer = window.setInterval(() => void refreshCount(), POLL_MS);
    const onFocus = () => void refreshCount();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refreshCount]);
  useEffect(() => {
    if (open) void loadList();
  }, [open, loadList]);

  const openItem = async (n: TNotification) => {
    setOpen(false);
    if (!n.readAt) {
      try {
        await api.post(`/api/notifications/${n.id}/read`);
        setCount((v) => Math.max(0, v - 1));
      } catch (error) {
        showError(error);
      }
    }
    if (n.itemId) void navigate(`/ledger/${n.itemId}`);
    else if (n.kind === 'login_locked') void navigate('/users');
  };
  const readAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      setItems((list) => list.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })));
      setCount(0);
    } catch (error) {
      showError(error);
    }
  };

  const content = (
    <div style={{ width: 'min(380px, calc(100vw - 48px))' }} data-testid="notification-list">
      <List<TNotification>
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} /> }}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: 'pointer', paddingInline: 8, background: n.readAt ? undefined : '#f0f7ff' }}
            onClick={() => void openItem(n)}
          >
            <List.Item.Meta
              title={
                <Space size={6}>
                  <Badge status={n.readAt ? 'default' : 'processing'} />
                  <Tag color={KIND_COLOR[n.kind]} style={{ marginInlineEnd: 0 }}>
                    {t(`notify.kind.${n.kind}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(n.createdAt).format('MM-DD HH:mm')}
                  </Typography.Text>
                </Space>
              }
              description={<Typography.Text style={{ fontSize: 13 }}>{notificationText(t, n)}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notify.title')}</span>
          <Button type="link" size="small" disabled={count === 0} onClick={() => void readAll()} data-testid="notification-read-all">
            {t('notify.readAll')}
          </Button>
        </Space>
      }
      content={content}
    >
      <Button type="text" aria-label={t('notify.bell')} data-testid="notification-bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
