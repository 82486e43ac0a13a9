import { Button, Card, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import type { TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { SimilarItemsList } from '../SimilarItems';

/** 相似问题: open items that look alike, with 合并为重复 when the user may merge; hidden once the item is merged. */
export function SimilarPanel({ item, onMerge }: { item: TItemDetail; onMerge: () => void }) {
  const t = useT();
  if (item.status === 'merged') return null;
  const mayMerge = item.allowedActions.includes('merge');
  return (
    <Card
      title={t('ledgerx.similar.card')}
      size="small"
      extra={
        mayMerge &&
        item.similar.length > 0 && (
          <Button size="small" className="no-print" icon={<MergeCellsOutlined />} onClick={onMerge}>
            {t('ledgerx.merge.button')}
          </Button>
        )
      }
    >
      {item.similar.length === 0 ? (
        <Typography.Text type="secondary">{t('ledgerx.similar.empty')}</Typography.Text>
      ) : (
        <SimilarItemsList items={item.similar} />
      )}
    </Card>
  );
}
