import { Card, Descriptions, Tag, Typography } from 'antd';
import type { TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import {
  categoryLabel,
  ConfidentialTag,
  confidentialityLabel,
  ItemTags,
  kindLabel,
  outcomeLabel,
  severityLabel,
  sourceLabel,
} from '../labels';
import { fmt } from './shared';

/** 问题清单: what the problem is, where it came from, how it was closed or rejected, and its description. */
export function ProblemPanel({ item }: { item: TItemDetail }) {
  const t = useT();
  return (
    <Card title={t('ledger.sectionProblem')} size="small">
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('ledgerx.kind')}>{kindLabel(t, item.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.categoryField')}>{categoryLabel(t, item.category)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.sourceField')}>{sourceLabel(t, item.source)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.severity')}>{severityLabel(t, item.severity)}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerx.confidentiality')}>
          {item.confidentiality === 'confidential' ? <ConfidentialTag /> : confidentialityLabel(t, item.confidentiality)}
        </Descriptions.Item>
        <Descriptions.Item label={t('ledgerx.term')}>
          {item.isLongTerm ? t('ledgerx.term.longTerm') : t('ledgerx.term.immediate')}
        </Descriptions.Item>
        <Descriptions.Item label={t('ledgerx.externalRef')}>
          {item.externalRef ? <Typography.Text copyable>{item.externalRef}</Typography.Text> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ledger.org')}>{item.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.createdAt')}>{fmt(item.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerx.tags')}>{item.tags.length > 0 ? <ItemTags tags={item.tags} /> : '—'}</Descriptions.Item>
        {item.isInPool && (
          <Descriptions.Item label={t('ledgerx.pool')}>
            <Tag color="cyan">{t('ledgerx.pool.in')}</Tag>
          </Descriptions.Item>
        )}
        {item.closureOutcome && (
          <Descriptions.Item label={t('ledger.closureOutcome')}>{outcomeLabel(t, item.closureOutcome)}</Descriptions.Item>
        )}
        {item.closureNote && <Descriptions.Item label={t('ledger.closureNote')}>{item.closureNote}</Descriptions.Item>}
        {item.rejectReason && <Descriptions.Item label={t('ledger.rejectReason')}>{item.rejectReason}</Descriptions.Item>}
        <Descriptions.Item label={t('ledger.description')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.description || '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 责任清单: the responsible organisation, person and lead leader. */
export function ResponsibilityPanel({ item }: { item: TItemDetail }) {
  const t = useT();
  return (
    <Card title={t('ledger.sectionResponsibility')} size="small">
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('ledger.responsibleOrg')}>{item.responsibleOrgName}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.responsiblePerson')}>{item.responsiblePersonName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerx.leadLeader')}>{item.leadLeaderName ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
