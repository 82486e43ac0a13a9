import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Input, Modal, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, PaperClipOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, upload } from '../../api/client';
import type { TIndicator, ValueCell, Verification } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { EVIDENCE_ACCEPT, formatSize } from '../../app/components/download';
import { useEvidenceCheck } from '../../app/components/useEvidenceCheck';
import { fmt } from './labels';

const VERIFICATION_COLORS: Record<Verification, string> = { reported: 'default', verified: 'success', disputed: 'warning' };

/** The tag of a figure's verification: 已报送 / 已核实 / 核查存疑. */
export function VerificationTag({ verification }: { verification: Verification }) {
  const t = useT();
  return <Tag color={VERIFICATION_COLORS[verification]}>{t(`asm.figure.status.${verification}`)}</Tag>;
}

/**
 * 数据详情与佐证: one figure (unit × indicator × year) with where it came from, who entered it, its 佐证材料 and its
 * verification. Clerks attach the evidence; the organisation department verifies the figure against it.
 */
export function FigureCard({
  year,
  orgName,
  indicator,
  cell,
  canEnter,
  canManage,
  onChanged,
}: {
  year: number;
  orgName: string | undefined;
  indicator: TIndicator | undefined;
  cell: ValueCell | undefined;
  canEnter: boolean;
  canManage: boolean;
  onChanged: (cell: ValueCell) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const [note, setNote] = useState('');
  const beforeUpload = useEvidenceCheck();

  const title = orgName && indicator ? t('asm.figure.titleOf', { org: orgName, indicator: indicator.name, year }) : t('asm.figure.title');
  if (!cell || !indicator) {
    return (
      <Card size="small" title={title}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={orgName && indicator ? t('asm.figure.none') : t('asm.values.trendHint')} />
      </Card>
    );
  }
  const key = { year, orgId: cell.orgId, indicatorId: cell.indicatorId };
  const evidenceUrl = `/api/assessment/values/evidence?year=${year}&orgId=${cell.orgId}&indicatorId=${cell.indicatorId}`;

  const run = async (work: () => Promise<ValueCell>, done: string) => {
    setBusy(true);
    try {
      onChanged(await work());
      void message.success(done);
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.append('file', file as Blob, (file as File).name);
    void run(() => upload<ValueCell>('/api/assessment/values/evidence', form, key), t('asm.figure.attached')).then((ok) =>
      ok ? onSuccess?.(null) : onError?.(new Error('upload')),
    );
  };

  const verify = async () => {
    const ok = await run(
      () =>
        api.post<ValueCell>('/api/assessment/values/verification', {
          ...key,
          verification: 'verified',
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      t('asm.figure.verifiedDone'),
    );
    if (ok) {
      setVerifyOpen(false);
      setNote('');
    }
  };

  return (
    <Card size="small" title={title} extra={<VerificationTag verification={cell.verification} />}>
      <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('asm.figure.value')}>
          <Typography.Text strong>{fmt(cell.value, 6)}</Typography.Text>
          {indicator.unit && <Typography.Text type="secondary"> {indicator.unit}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('asm.figure.source')}>
          {cell.source || indicator.dataSource || t('asm.values.unknown')}
        </Descriptions.Item>
        <Descriptions.Item label={t('asm.figure.entered')}>
          {t('asm.figure.byAt', {
            by: cell.enteredByName ?? t('asm.values.unknown'),
            at: dayjs(cell.updatedAt).format('YYYY-MM-DD HH:mm'),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('asm.figure.evidence')}>
          {cell.evidence ? (
            <Space size={4} wrap>
              <PaperClipOutlined />
              <Typography.Link href={evidenceUrl} target="_blank" rel="noopener">
                {cell.evidence.fileName}
              </Typography.Link>
              <Typography.Text type="secondary">{formatSize(cell.evidence.size)}</Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('asm.figure.noEvidence')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('asm.figure.verification')}>
          {cell.verifiedAt ? (
            <Space orientation="vertical" size={0}>
              <span>
                {t('asm.figure.byAt', {
                  by: cell.verifiedByName ?? t('asm.values.unknown'),
                  at: dayjs(cell.verifiedAt).format('YYYY-MM-DD HH:mm'),
                })}
              </span>
              {cell.note && <Typography.Text type="secondary">{cell.note}</Typography.Text>}
            </Space>
          ) : cell.verification === 'disputed' ? (
            <Typography.Text type="warning">{t('asm.figure.disputedHint')}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('asm.figure.notVerified')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {canEnter && (
          <Upload accept={EVIDENCE_ACCEPT} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={busy}>
            <Button size="small" icon={<UploadOutlined />} loading={busy}>
              {cell.evidence ? t('asm.figure.replace') : t('asm.figure.attach')}
            </Button>
          </Upload>
        )}
        {canEnter && cell.evidence && (
          <Popconfirm
            title={t('asm.figure.removeConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => void run(() => api.delete<ValueCell>(evidenceUrl), t('asm.figure.removed'))}
          >
            <Button size="small" icon={<DeleteOutlined />} disabled={busy}>
              {t('asm.figure.remove')}
            </Button>
          </Popconfirm>
        )}
        {canManage && cell.verification !== 'verified' && (
          <Button size="small" type="primary" icon={<CheckCircleOutlined />} disabled={busy} onClick={() => setVerifyOpen(true)}>
            {t('asm.figure.verify')}
          </Button>
        )}
        {canManage && cell.verifiedAt && (
          <Popconfirm
            title={t('asm.figure.unverifyConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              void run(
                () => api.post<ValueCell>('/api/assessment/values/verification', { ...key, verification: 'reported' }),
                t('asm.figure.unverified'),
              )
            }
          >
            <Button size="small" icon={<RollbackOutlined />} disabled={busy}>
              {t('asm.figure.unverify')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Modal
        open={verifyOpen}
        title={t('asm.figure.verifyTitle', { org: orgName ?? '', indicator: indicator.name })}
        okText={t('asm.figure.verify')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void verify()}
        onCancel={() => setVerifyOpen(false)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('asm.figure.verifyIntro', { value: `${fmt(cell.value, 6)}${indicator.unit ? ` ${indicator.unit}` : ''}` })}
          </Typography.Text>
          {!cell.evidence && <Typography.Text type="warning">{t('asm.figure.verifyNoEvidence')}</Typography.Text>}
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('asm.figure.notePlaceholder')}
            aria-label={t('asm.figure.note')}
          />
        </Space>
      </Modal>
    </Card>
  );
}
