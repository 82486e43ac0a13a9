import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, EyeOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { upload } from '../../../api/client';
import type { ItemEvidence, TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { useApiError } from '../../../app/useApiError';
import { EVIDENCE_ACCEPT, formatSize } from '../../../app/components/download';
import { useEvidenceCheck } from '../../../app/components/useEvidenceCheck';
import { EvidencePreview, evidenceUrl, previewKind, type PreviewTarget } from './EvidencePreview';
import { fmt, type OnItemChange } from './shared';

/** Props of 佐证材料. */
export interface EvidencePanelProps {
  item: TItemDetail;
  /** May the user upload evidence (the same people who may edit measures)? */
  mayUpload: boolean;
  onChange: OnItemChange;
}

const evidenceIcon = (e: ItemEvidence) => {
  const kind = previewKind(e);
  return kind === 'image' ? <FileImageOutlined /> : kind === 'pdf' ? <FilePdfOutlined /> : <FileOutlined />;
};

/** 佐证材料: upload a file for a measure or the whole item, list the files; images and PDFs preview in the page, others download. */
export function EvidencePanel({ item, mayUpload, onChange }: EvidencePanelProps) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const beforeUpload = useEvidenceCheck();
  const [measureId, setMeasureId] = useState<number | undefined>(undefined);
  const [note, setNote] = useState('');
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<PreviewTarget>(null);

  const measureLabel = (id: number | null) => {
    const index = id === null ? -1 : item.measures.findIndex((m) => m.id === id);
    return index >= 0 ? t('ledger.evidence.measureN', { n: index + 1 }) : t('ledger.evidence.wholeItem');
  };

  /** Sends the fields before the file, so the server reads measureId and note first. */
  const uploadEvidence: UploadProps['customRequest'] = (options) => {
    const { file, onSuccess, onError } = options;
    const body = new FormData();
    if (measureId !== undefined) body.append('measureId', String(measureId));
    const text = note.trim();
    if (text) body.append('note', text);
    body.append('file', file as Blob, (file as File).name);
    setUploading(true);
    void (async () => {
      try {
        const data = await upload<TItemDetail>(`/api/ledger/items/${item.id}/evidence`, body);
        onChange(data);
        setNote('');
        setMeasureId(undefined);
        void message.success(t('ledger.evidence.uploaded'));
        onSuccess?.(data);
      } catch (error) {
        showError(error);
        onError?.(error instanceof Error ? error : new Error(String(error)));
      } finally {
        setUploading(false);
      }
    })();
  };

  const columns: ColumnsType<ItemEvidence> = [
    {
      title: t('ledger.evidence.fileName'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (name: string, e) =>
        previewKind(e) ? (
          <a
            href={evidenceUrl(item.id, e)}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(ev) => {
              // A plain click previews in the page; ctrl/middle click still opens a tab.
              if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
              ev.preventDefault();
              setPreview(e);
            }}
          >
            {evidenceIcon(e)} {name}
          </a>
        ) : (
          <a href={evidenceUrl(item.id, e)} download={name}>
            {evidenceIcon(e)} {name}
          </a>
        ),
    },
    {
      title: t('ledger.evidence.measure'),
      dataIndex: 'measureId',
      key: 'measureId',
      width: 130,
      render: (v: number | null) => measureLabel(v),
    },
    { title: t('ledger.evidence.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('ledger.evidence.size'), dataIndex: 'size', key: 'size', width: 100, align: 'right', render: (v: number) => formatSize(v) },
    { title: t('ledger.evidence.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, render: fmt },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      className: 'no-print',
      render: (_: unknown, e) => (
        <Space size={0}>
          {previewKind(e) && (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setPreview(e)}>
              {t('ledgerx.evidence.preview')}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            href={evidenceUrl(item.id, e)}
            download={e.fileName}
            aria-label={t('ledgerx.evidence.download')}
          >
            {previewKind(e) ? null : t('ledgerx.evidence.download')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('ledger.sectionEvidence')} size="small">
      {mayUpload && (
        <Space wrap className="no-print" style={{ marginBottom: 12 }}>
          <Select<number>
            allowClear
            placeholder={t('ledger.evidence.linkMeasure')}
            aria-label={t('ledger.evidence.linkMeasure')}
            value={measureId}
            onChange={setMeasureId}
            style={{ width: 240, maxWidth: '100%' }}
            options={item.measures.map((m, i) => ({ value: m.id, label: `${t('ledger.evidence.measureN', { n: i + 1 })} · ${m.content}` }))}
          />
          <Input
            allowClear
            maxLength={500}
            placeholder={t('ledger.evidence.notePlaceholder')}
            aria-label={t('ledger.evidence.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <Upload
            accept={EVIDENCE_ACCEPT}
            showUploadList={false}
            beforeUpload={beforeUpload}
            customRequest={uploadEvidence}
            disabled={uploading}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('ledger.evidence.upload')}
            </Button>
          </Upload>
        </Space>
      )}
      <Table<ItemEvidence>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={item.evidence}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('common.empty') }}
      />
      <EvidencePreview item={item} target={preview} onClose={() => setPreview(null)} onTarget={setPreview} />
    </Card>
  );
}
