import { Alert, Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, MergeCellsOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ItemAction, TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { actionLabel, ConfidentialTag, LightTag, StatusTag } from '../labels';

const DANGER: readonly ItemAction[] = ['reject', 'return'];
const PRIMARY: readonly ItemAction[] = ['assign', 'claim', 'start', 'request-closure', 'close', 'recheck'];

/** Props of the detail page's head. */
export interface ItemHeaderProps {
  item: TItemDetail;
  loading: boolean;
  onReload: () => void;
  onAction: (action: ItemAction) => void;
  onEdit: () => void;
  onMerge: () => void;
}

/** The head of 问题详情: the 已合并 banner, code, title, status and light, and the buttons of the steps the user may take. */
export function ItemHeader({ item, loading, onReload, onAction, onEdit, onMerge }: ItemHeaderProps) {
  const t = useT();
  const navigate = useNavigate();
  const actions = item.allowedActions.filter((a) => a !== 'merge');
  const mayMerge = item.allowedActions.includes('merge');
  const mergedInto =
    item.mergedIntoId === null
      ? undefined
      : (item.links.find((l) => l.id === item.mergedIntoId) ?? { id: item.mergedIntoId, code: `#${item.mergedIntoId}` });

  return (
    <>
      {mergedInto && (
        <Alert
          type="info"
          showIcon
          icon={<MergeCellsOutlined />}
          title={t('ledgerx.merged.banner', { code: mergedInto.code })}
          action={
            <Link to={`/ledger/${mergedInto.id}`}>
              <Button size="small" type="primary">
                {t('ledgerx.merged.open')}
              </Button>
            </Link>
          }
        />
      )}
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('ledger.back')} onClick={() => void navigate(-1)} />
            <Typography.Text type="secondary" copyable>
              {item.code}
            </Typography.Text>
            <span>{item.title}</span>
            <StatusTag status={item.status} />
            <LightTag light={item.light} />
            {item.confidentiality === 'confidential' && <ConfidentialTag />}
          </Space>
        }
        extra={
          <Button className="no-print" icon={<ReloadOutlined />} loading={loading} onClick={onReload}>
            {t('common.refresh')}
          </Button>
        }
      >
        {(actions.length > 0 || item.editable || mayMerge) && (
          <Space wrap className="no-print">
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
                {actionLabel(t, a)}
              </Button>
            ))}
            {item.editable && (
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('ledgerx.edit.button')}
              </Button>
            )}
            {mayMerge && (
              <Button icon={<MergeCellsOutlined />} onClick={onMerge}>
                {t('ledgerx.merge.button')}
              </Button>
            )}
          </Space>
        )}
      </Card>
    </>
  );
}
