import { Card, Space, Timeline, Typography } from 'antd';
import type { TItemDetail } from '../../../api/types';
import { useT, isMessageKey, type TFunction } from '../../../i18n';
import { statusLabel } from '../labels';
import { fmt } from './shared';

/** The words of a timeline entry's action (steps, edits, merges, comments, links, evidence, measures). */
function eventLabel(t: TFunction, a: string): string {
  if (a === 'merge') return t('ledgerx.event.merge');
  if (a === 'merge.in') return t('ledgerx.event.mergeIn');
  if (a === 'edit') return t('ledgerx.event.edit');
  if (a === 'comment') return t('ledgerx.event.comment');
  if (a === 'link') return t('ledgerx.event.link');
  if (a === 'unlink') return t('ledgerx.event.unlink');
  const key = `ledger.action.${a}`;
  if (isMessageKey(key)) return t(key);
  if (a === 'submit') return t('ledger.event.created');
  if (a === 'evidence.add') return t('ledger.event.evidence');
  if (a === 'measure.add') return t('ledger.measure.add');
  if (a === 'measure.update') return t('ledger.measure.update');
  return a;
}

/** 时间线: every event on the item — when, who, what, and the status it moved from and to. */
export function TimelinePanel({ item }: { item: TItemDetail }) {
  const t = useT();
  const statusText = (s: string | null) => (s && isMessageKey(`ledger.statusName.${s}`) ? statusLabel(t, s) : (s ?? ''));
  return (
    <Card title={t('ledger.sectionTimeline')} size="small">
      {item.events.length === 0 ? (
        <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
      ) : (
        <Timeline
          items={item.events.map((e, i) => ({
            key: i,
            content: (
              <div>
                <Space size={8} wrap>
                  <Typography.Text type="secondary">{fmt(e.at)}</Typography.Text>
                  <Typography.Text strong>{e.actorName}</Typography.Text>
                  <span>{eventLabel(t, e.action)}</span>
                  {e.fromStatus !== e.toStatus && (e.fromStatus || e.toStatus) && (
                    <Typography.Text type="secondary">
                      {statusText(e.fromStatus) || '—'} → {statusText(e.toStatus) || '—'}
                    </Typography.Text>
                  )}
                </Space>
                {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
