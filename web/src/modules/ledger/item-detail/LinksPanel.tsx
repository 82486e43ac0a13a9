import { useState } from 'react';
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import type { ItemLink, TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { useApiError } from '../../../app/useApiError';
import { StatusTag } from '../labels';
import { LinkModal } from '../LinkModal';
import type { OnItemChange } from './shared';

const ROW_BORDER = '1px solid rgba(5, 5, 5, 0.06)';

/** 关联问题: items merged into or from this one and related items; a user who may link adds or removes related ones. */
export function LinksPanel({ item, onChange }: { item: TItemDetail; onChange: OnItemChange }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [unlinking, setUnlinking] = useState<number | null>(null);
  if (item.links.length === 0 && !item.mayLink) return null;

  const linkText = (l: ItemLink) =>
    l.kind === 'duplicate'
      ? t(l.direction === 'out' ? 'ledgerx.links.mergedInto' : 'ledgerx.links.mergedFrom', { code: l.code })
      : t(l.direction === 'out' ? 'ledgerx.links.relatedOut' : 'ledgerx.links.relatedIn', { code: l.code });

  const unlink = async (l: ItemLink) => {
    setUnlinking(l.id);
    try {
      onChange(await api.delete<TItemDetail>(`/api/ledger/items/${item.id}/links/${l.id}`));
      void message.success(t('ledgerx.links.removed'));
    } catch (error) {
      showError(error);
    } finally {
      setUnlinking(null);
    }
  };

  return (
    <Card
      title={t('ledgerx.links.card')}
      size="small"
      extra={
        item.mayLink && (
          <Button size="small" className="no-print" icon={<LinkOutlined />} onClick={() => setOpen(true)}>
            {t('ledgerx.links.add')}
          </Button>
        )
      }
    >
      {item.links.length === 0 ? (
        <Typography.Text type="secondary">{t('ledgerx.links.empty')}</Typography.Text>
      ) : (
        <div role="list">
          {item.links.map((l, i) => (
            <div
              role="listitem"
              key={`${l.kind}-${l.direction}-${l.id}`}
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'center',
                gap: 8,
                padding: '5px 0',
                borderTop: i === 0 ? undefined : ROW_BORDER,
              }}
            >
              <Link to={`/ledger/${l.id}`}>{linkText(l)}</Link>
              <span style={{ flex: 1, minWidth: 0 }}>{l.title}</span>
              <StatusTag status={l.status} />
              {item.mayLink && l.kind === 'related' && (
                <Popconfirm
                  title={t('ledgerx.links.removeConfirm', { code: l.code })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => unlink(l)}
                >
                  <Button type="link" size="small" danger className="no-print" loading={unlinking === l.id}>
                    {t('ledgerx.links.remove')}
                  </Button>
                </Popconfirm>
              )}
            </div>
          ))}
        </div>
      )}
      {item.mayLink && (
        <LinkModal
          item={item}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(saved) => {
            setOpen(false);
            onChange(saved);
          }}
        />
      )}
    </Card>
  );
}
