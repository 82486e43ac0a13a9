import { useState } from 'react';
import { App, Button, Card, Input, Space, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { useApiError } from '../../../app/useApiError';
import { fmt, type OnItemChange } from './shared';

/** 意见交流: the comments on the item, oldest first, and a box to add one (Ctrl+Enter sends). */
export function CommentsPanel({ item, onChange }: { item: TItemDetail; onChange: OnItemChange }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [body, setBody] = useState('');
  const [posting, setPosting] = useState(false);

  const post = async () => {
    const text = body.trim();
    if (!text) return;
    setPosting(true);
    try {
      onChange(await api.post<TItemDetail>(`/api/ledger/items/${item.id}/comments`, { body: text }));
      setBody('');
      void message.success(t('ledgerx.comments.posted'));
    } catch (error) {
      showError(error);
    } finally {
      setPosting(false);
    }
  };

  return (
    <Card title={t('ledgerx.comments.card')} size="small">
      {item.comments.length === 0 ? (
        <Typography.Text type="secondary">{t('ledgerx.comments.empty')}</Typography.Text>
      ) : (
        <div role="list">
          {item.comments.map((c, i) => (
            <div role="listitem" key={c.id} style={{ padding: '6px 0', borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)' }}>
              <Space size={8}>
                <Typography.Text strong>{c.authorName}</Typography.Text>
                <Typography.Text type="secondary">{fmt(c.at)}</Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
            </div>
          ))}
        </div>
      )}
      <div className="no-print" style={{ marginTop: 12 }}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('ledgerx.comments.placeholder')}
          aria-label={t('ledgerx.comments.card')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void post();
          }}
        />
        <div style={{ marginTop: 8, textAlign: 'right' }}>
          <Button type="primary" icon={<SendOutlined />} loading={posting} disabled={body.trim() === ''} onClick={() => void post()}>
            {t('ledgerx.comments.submit')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
