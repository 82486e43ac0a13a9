import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Image,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { UploadProps } from 'antd';
import {
  ArrowLeftOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FlagOutlined,
  LinkOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, upload } from '../../api/client';
import type {
  ItemAction,
  ItemComment,
  ItemEvent,
  ItemEvidence,
  ItemLink,
  ItemRecheck,
  ItemStatus,
  MeasureStatus,
  TItemDetail,
  TMeasure,
} from '../../api/types';
import { useT, isMessageKey, type MessageKey } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { ActionModal } from './ActionModal';
import { ItemFormModal } from './ItemFormModal';
import { MergeModal } from './MergeModal';
import { SimilarItemsList } from './SimilarItems';
import { MeasureModal } from './MeasureModal';
import { LinkModal } from './LinkModal';
import { EVIDENCE_ACCEPT, formatSize } from '../../app/components/download';
import { useEvidenceCheck } from '../../app/components/useEvidenceCheck';
import {
  actionLabel,
  categoryLabel,
  ConfidentialTag,
  confidentialityLabel,
  ItemTags,
  kindLabel,
  LightTag,
  measureStatusLabel,
  outcomeLabel,
  severityLabel,
  sourceLabel,
  statusLabel,
  StatusTag,
} from './labels';

type Extension = TItemDetail['extensions'][number];
type Evidence = ItemEvidence;

/** How an evidence file opens in the page: images in the image viewer, PDFs in a frame, anything else downloads. */
const previewKind = (e: Evidence): 'image' | 'pdf' | null =>
  e.mimeType.startsWith('image/') ? 'image' : e.mimeType === 'application/pdf' ? 'pdf' : null;

const MEASURES_EDITABLE: readonly ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'];
const MEASURE_COLORS: Record<MeasureStatus, string> = { pending: 'default', in_progress: 'processing', done: 'success' };
const DANGER: readonly ItemAction[] = ['reject', 'return'];
const PRIMARY: readonly ItemAction[] = ['assign', 'claim', 'start', 'request-closure', 'close', 'recheck'];

const fmt = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');
const today = () => dayjs().format('YYYY-MM-DD');

/** 问题详情: the four lists (问题、责任、时限、整改), the timeline and the steps the user may take. */
export default function ItemDetailPage() {
  const t = useT();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const showError = useApiError();
  const { id } = useParams();
  const itemId = Number(id);
  const [item, setItem] = useState<TItemDetail | null>(null);
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState(false);
  const [action, setAction] = useState<ItemAction | null>(null);
  const [measureOpen, setMeasureOpen] = useState(false);
  const [editingMeasure, setEditingMeasure] = useState<TMeasure | undefined>(undefined);
  const { message } = App.useApp();
  const beforeEvidenceUpload = useEvidenceCheck();
  const [evidenceMeasureId, setEvidenceMeasureId] = useState<number | undefined>(undefined);
  const [evidenceNote, setEvidenceNote] = useState('');
  const [uploading, setUploading] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [unlinking, setUnlinking] = useState<number | null>(null);
  const [commentBody, setCommentBody] = useState('');
  const [posting, setPosting] = useState(false);
  const [imagePreview, setImagePreview] = useState<number | null>(null);
  const [pdfPreview, setPdfPreview] = useState<Evidence | null>(null);

  const load = useCallback(async () => {
    if (!Number.isInteger(itemId) || itemId <= 0) {
      setMissing(true);
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      setItem(await api.get<TItemDetail>(`/api/ledger/items/${itemId}`));
      setMissing(false);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) setMissing(true);
      else showError(error);
    } finally {
      setLoading(false);
    }
  }, [itemId, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  if (missing) {
    return (
      <Result
        status="404"
        subTitle={t('ledger.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate('/ledger')}>
            {t('ledger.back')}
          </Button>
        }
      />
    );
  }
  if (!item) {
    return (
      <div style={{ padding: 80, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const mayEditMeasures = MEASURES_EDITABLE.includes(item.status) && (item.handlerUserId === me?.id || can('ledger.supervise'));
  const eventLabel = (a: string) => {
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
  };
  const statusText = (s: string | null) => (s && isMessageKey(`ledger.statusName.${s}`) ? statusLabel(t, s) : (s ?? ''));

  const measureColumns: ColumnsType<TMeasure> = [
    { title: '#', key: 'n', width: 48, render: (_: unknown, _m, i) => i + 1 },
    {
      title: t('ledger.measure.content'),
      dataIndex: 'content',
      key: 'content',
      render: (v: string, m) => (
        <>
          {m.isMilestone && (
            <Tag color="gold" icon={<FlagOutlined />}>
              {t('ledgerx.measure.milestone')}
            </Tag>
          )}
          {v}
        </>
      ),
    },
    { title: t('ledger.measure.owner'), dataIndex: 'ownerName', key: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t('ledger.measure.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      width: 170,
      render: (v: string | null, m) =>
        v === null ? (
          '—'
        ) : m.status !== 'done' && v < today() ? (
          <Space size={4}>
            <Typography.Text type="danger">{v}</Typography.Text>
            <Tag color="red">{t('ledgerx.measure.overdue')}</Tag>
          </Space>
        ) : (
          v
        ),
    },
    {
      title: t('ledger.measure.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: MeasureStatus) => <Tag color={MEASURE_COLORS[s]}>{measureStatusLabel(t, s)}</Tag>,
    },
    {
      title: t('ledger.measure.completionNote'),
      dataIndex: 'completionNote',
      key: 'completionNote',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('ledger.measure.evidence'), dataIndex: 'evidenceCount', key: 'evidenceCount', width: 90, align: 'right' },
  ];
  if (mayEditMeasures) {
    measureColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, m) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditingMeasure(m);
            setMeasureOpen(true);
          }}
        >
          {t('ledger.measure.update')}
        </Button>
      ),
    });
  }

  const extensionColumns: ColumnsType<Extension> = [
    { title: t('ledger.ext.requestedAt'), dataIndex: 'requestedAt', key: 'requestedAt', width: 150, render: fmt },
    { title: t('ledger.ext.oldDeadline'), dataIndex: 'oldDeadline', key: 'oldDeadline', width: 110 },
    { title: t('ledger.ext.newDeadline'), dataIndex: 'newDeadline', key: 'newDeadline', width: 110 },
    {
      title: t('ledger.ext.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string, e) => (
        <Space size={4} wrap>
          <span>{v}</span>
          {e.isLate && <Tag color="red">{t('ledger.ext.late')}</Tag>}
          {e.isLastMinute && <Tag color="orange">{t('ledger.ext.lastMinute')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('ledger.ext.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: Extension['status']) => (
        <Tag color={s === 'approved' ? 'green' : s === 'refused' ? 'red' : 'blue'}>{t(`ledger.ext.${s}` as MessageKey)}</Tag>
      ),
    },
    { title: t('ledger.ext.decisionNote'), dataIndex: 'decisionNote', key: 'decisionNote', render: (v: string | null) => v ?? '—' },
  ];

  const measureLabel = (measureId: number | null) => {
    const index = measureId === null ? -1 : item.measures.findIndex((m) => m.id === measureId);
    return index >= 0 ? t('ledger.evidence.measureN', { n: index + 1 }) : t('ledger.evidence.wholeItem');
  };
  const evidenceUrl = (e: Evidence) => `/api/ledger/items/${item.id}/evidence/${e.id}`;
  const images = item.evidence.filter((e) => previewKind(e) === 'image');
  /** Opens the file in the page when it can be shown (image, PDF); other files download. */
  const openEvidence = (e: Evidence) => {
    const kind = previewKind(e);
    if (kind === 'image') setImagePreview(images.findIndex((i) => i.id === e.id));
    else if (kind === 'pdf') setPdfPreview(e);
  };
  const evidenceIcon = (e: Evidence) => {
    const kind = previewKind(e);
    return kind === 'image' ? <FileImageOutlined /> : kind === 'pdf' ? <FilePdfOutlined /> : <FileOutlined />;
  };
  const evidenceColumns: ColumnsType<Evidence> = [
    {
      title: t('ledger.evidence.fileName'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (name: string, e) =>
        previewKind(e) ? (
          <a
            href={evidenceUrl(e)}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(ev) => {
              // A plain click previews in the page; ctrl/middle click still opens a tab.
              if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
              ev.preventDefault();
              openEvidence(e);
            }}
          >
            {evidenceIcon(e)} {name}
          </a>
        ) : (
          <a href={evidenceUrl(e)} download={name}>
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
      render: (_: unknown, e) => (
        <Space size={0}>
          {previewKind(e) && (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => openEvidence(e)}>
              {t('ledgerx.evidence.preview')}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            href={evidenceUrl(e)}
            download={e.fileName}
            aria-label={t('ledgerx.evidence.download')}
          >
            {previewKind(e) ? null : t('ledgerx.evidence.download')}
          </Button>
        </Space>
      ),
    },
  ];

  const recheckColumns: ColumnsType<ItemRecheck> = [
    { title: t('ledgerx.rechecks.dueDate'), dataIndex: 'dueDate', key: 'dueDate', width: 110 },
    {
      title: t('ledgerx.rechecks.result'),
      dataIndex: 'result',
      key: 'result',
      width: 150,
      render: (v: ItemRecheck['result'], r) =>
        v === null ? (
          <Tag color={r.dueDate < today() ? 'red' : 'blue'}>
            {r.dueDate < today() ? t('ledgerx.rechecks.overdue') : t('ledgerx.rechecks.pending')}
          </Tag>
        ) : (
          <Tag color={v === 'rebound' ? 'red' : 'green'}>{t(`ledger.result.${v}`)}</Tag>
        ),
    },
    { title: t('ledgerx.rechecks.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('ledgerx.rechecks.checkedAt'),
      dataIndex: 'checkedAt',
      key: 'checkedAt',
      width: 150,
      render: (v: string | null) => (v ? fmt(v) : '—'),
    },
    {
      title: t('ledgerx.rechecks.checkedBy'),
      dataIndex: 'checkedByName',
      key: 'checkedByName',
      width: 100,
      render: (v: string | null) => v ?? '—',
    },
  ];

  const postComment = async () => {
    const body = commentBody.trim();
    if (!body) return;
    setPosting(true);
    try {
      setItem(await api.post<TItemDetail>(`/api/ledger/items/${item.id}/comments`, { body }));
      setCommentBody('');
      void message.success(t('ledgerx.comments.posted'));
    } catch (error) {
      showError(error);
    } finally {
      setPosting(false);
    }
  };

  const unlink = async (l: ItemLink) => {
    setUnlinking(l.id);
    try {
      setItem(await api.delete<TItemDetail>(`/api/ledger/items/${item.id}/links/${l.id}`));
      void message.success(t('ledgerx.links.removed'));
    } catch (error) {
      showError(error);
    } finally {
      setUnlinking(null);
    }
  };

  /** Sends the fields before the file, so the server reads measureId and note first. */
  const uploadEvidence: UploadProps['customRequest'] = (options) => {
    const { file, onSuccess, onError } = options;
    const body = new FormData();
    if (evidenceMeasureId !== undefined) body.append('measureId', String(evidenceMeasureId));
    const note = evidenceNote.trim();
    if (note) body.append('note', note);
    body.append('file', file as Blob, (file as File).name);
    setUploading(true);
    void (async () => {
      try {
        const data = await upload<TItemDetail>(`/api/ledger/items/${item.id}/evidence`, body);
        setItem(data);
        setEvidenceNote('');
        setEvidenceMeasureId(undefined);
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

  const actions = item.allowedActions.filter((a) => a !== 'merge');
  const mayMerge = item.allowedActions.includes('merge');
  const mergedInto =
    item.mergedIntoId === null
      ? undefined
      : (item.links.find((l) => l.id === item.mergedIntoId) ?? { id: item.mergedIntoId, code: `#${item.mergedIntoId}` });
  const linkText = (l: ItemLink) =>
    l.kind === 'duplicate'
      ? t(l.direction === 'out' ? 'ledgerx.links.mergedInto' : 'ledgerx.links.mergedFrom', { code: l.code })
      : t(l.direction === 'out' ? 'ledgerx.links.relatedOut' : 'ledgerx.links.relatedIn', { code: l.code });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
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
        loading={loading && !item}
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
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
        }
      >
        {(actions.length > 0 || item.editable || mayMerge) && (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)}>
                {actionLabel(t, a)}
              </Button>
            ))}
            {item.editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
                {t('ledgerx.edit.button')}
              </Button>
            )}
            {mayMerge && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)}>
                {t('ledgerx.merge.button')}
              </Button>
            )}
          </Space>
        )}
      </Card>

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

      <Card title={t('ledger.sectionResponsibility')} size="small">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('ledger.responsibleOrg')}>{item.responsibleOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.responsiblePerson')}>{item.responsiblePersonName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ledgerx.leadLeader')}>{item.leadLeaderName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('ledger.sectionDeadline')} size="small">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('ledger.deadlineField')}>{item.deadline ?? '—'}</Descriptions.Item>
          {item.originalDeadline && item.originalDeadline !== item.deadline && (
            <Descriptions.Item label={t('ledger.originalDeadline')}>{item.originalDeadline}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('ledger.urgeCount')}>{item.urgeCount}</Descriptions.Item>
          {item.recheckDue && <Descriptions.Item label={t('ledger.recheckDue')}>{item.recheckDue}</Descriptions.Item>}
          {item.reboundCount > 0 && <Descriptions.Item label={t('ledger.reboundCount')}>{item.reboundCount}</Descriptions.Item>}
        </Descriptions>
        {item.extensions.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {t('ledger.extensions')}
            </Typography.Title>
            <Table<Extension> rowKey="id" size="small" columns={extensionColumns} dataSource={item.extensions} pagination={false} />
          </>
        )}
      </Card>

      <Card
        title={t('ledger.sectionMeasures')}
        size="small"
        extra={
          mayEditMeasures && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditingMeasure(undefined);
                setMeasureOpen(true);
              }}
            >
              {t('ledger.measure.add')}
            </Button>
          )
        }
      >
        <Table<TMeasure>
          rowKey="id"
          size="small"
          columns={measureColumns}
          dataSource={item.measures}
          pagination={false}
          locale={{ emptyText: t('common.empty') }}
        />
      </Card>

      <Card title={t('ledger.sectionEvidence')} size="small">
        {mayEditMeasures && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Select<number>
              allowClear
              placeholder={t('ledger.evidence.linkMeasure')}
              aria-label={t('ledger.evidence.linkMeasure')}
              value={evidenceMeasureId}
              onChange={setEvidenceMeasureId}
              style={{ width: 240 }}
              options={item.measures.map((m, i) => ({
                value: m.id,
                label: `${t('ledger.evidence.measureN', { n: i + 1 })} · ${m.content}`,
              }))}
            />
            <Input
              allowClear
              maxLength={500}
              placeholder={t('ledger.evidence.notePlaceholder')}
              aria-label={t('ledger.evidence.note')}
              value={evidenceNote}
              onChange={(e) => setEvidenceNote(e.target.value)}
              style={{ width: 240 }}
            />
            <Upload
              accept={EVIDENCE_ACCEPT}
              showUploadList={false}
              beforeUpload={beforeEvidenceUpload}
              customRequest={uploadEvidence}
              disabled={uploading}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('ledger.evidence.upload')}
              </Button>
            </Upload>
          </Space>
        )}
        <Table<Evidence>
          rowKey="id"
          size="small"
          columns={evidenceColumns}
          dataSource={item.evidence}
          pagination={false}
          locale={{ emptyText: t('common.empty') }}
        />
      </Card>

      {(item.rechecks.length > 0 || item.status === 'closed') && (
        <Card title={t('ledgerx.rechecks.card')} size="small">
          <Table<ItemRecheck>
            rowKey="id"
            size="small"
            columns={recheckColumns}
            dataSource={item.rechecks}
            pagination={false}
            locale={{
              emptyText: item.recheckDue ? t('ledgerx.rechecks.scheduled', { date: item.recheckDue }) : t('ledgerx.rechecks.empty'),
            }}
          />
        </Card>
      )}

      {(item.links.length > 0 || item.mayLink) && (
        <Card
          title={t('ledgerx.links.card')}
          size="small"
          extra={
            item.mayLink && (
              <Button size="small" icon={<LinkOutlined />} onClick={() => setLinkOpen(true)}>
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
                    alignItems: 'center',
                    gap: 8,
                    padding: '5px 0',
                    borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
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
                      <Button type="link" size="small" danger loading={unlinking === l.id}>
                        {t('ledgerx.links.remove')}
                      </Button>
                    </Popconfirm>
                  )}
                </div>
              ))}
            </div>
          )}
        </Card>
      )}

      {item.status !== 'merged' && (
        <Card
          title={t('ledgerx.similar.card')}
          size="small"
          extra={
            mayMerge &&
            item.similar.length > 0 && (
              <Button size="small" icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)}>
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
      )}

      <Card title={t('ledgerx.comments.card')} size="small">
        {item.comments.length === 0 ? (
          <Typography.Text type="secondary">{t('ledgerx.comments.empty')}</Typography.Text>
        ) : (
          <div role="list">
            {item.comments.map((c: ItemComment, i) => (
              <div
                role="listitem"
                key={c.id}
                style={{ padding: '6px 0', borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)' }}
              >
                <Space size={8}>
                  <Typography.Text strong>{c.authorName}</Typography.Text>
                  <Typography.Text type="secondary">{fmt(c.at)}</Typography.Text>
                </Space>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              </div>
            ))}
          </div>
        )}
        <div style={{ marginTop: 12 }}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('ledgerx.comments.placeholder')}
            aria-label={t('ledgerx.comments.card')}
            value={commentBody}
            onChange={(e) => setCommentBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void postComment();
            }}
          />
          <div style={{ marginTop: 8, textAlign: 'right' }}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={posting}
              disabled={commentBody.trim() === ''}
              onClick={() => void postComment()}
            >
              {t('ledgerx.comments.submit')}
            </Button>
          </div>
        </div>
      </Card>

      <Card title={t('ledger.sectionTimeline')} size="small">
        {item.events.length === 0 ? (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        ) : (
          <Timeline
            items={item.events.map((e: ItemEvent, i) => ({
              key: i,
              content: (
                <div>
                  <Space size={8} wrap>
                    <Typography.Text type="secondary">{fmt(e.at)}</Typography.Text>
                    <Typography.Text strong>{e.actorName}</Typography.Text>
                    <span>{eventLabel(e.action)}</span>
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

      <ActionModal
        item={item}
        action={action}
        onClose={() => setAction(null)}
        onDone={(saved) => {
          setAction(null);
          setItem(saved);
        }}
      />
      <ItemFormModal
        open={editOpen}
        item={item}
        onClose={() => setEditOpen(false)}
        onSaved={(saved) => {
          setEditOpen(false);
          setItem(saved);
        }}
        onStale={() => void load()}
      />
      {mayMerge && (
        <MergeModal
          item={item}
          open={mergeOpen}
          onClose={() => setMergeOpen(false)}
          onDone={(saved) => {
            setMergeOpen(false);
            setItem(saved);
          }}
        />
      )}
      {item.mayLink && (
        <LinkModal
          item={item}
          open={linkOpen}
          onClose={() => setLinkOpen(false)}
          onDone={(saved) => {
            setLinkOpen(false);
            setItem(saved);
          }}
        />
      )}
      {images.length > 0 && (
        <Image.PreviewGroup
          items={images.map((e) => ({ src: evidenceUrl(e), alt: e.fileName }))}
          preview={{
            open: imagePreview !== null,
            current: imagePreview ?? 0,
            onChange: (current) => setImagePreview(current),
            onOpenChange: (open) => {
              if (!open) setImagePreview(null);
            },
          }}
        />
      )}
      <Modal
        open={pdfPreview !== null}
        title={pdfPreview?.fileName}
        onCancel={() => setPdfPreview(null)}
        width="min(1000px, 96vw)"
        styles={{ body: { height: '78vh', padding: 0 } }}
        footer={
          pdfPreview && (
            <Button icon={<DownloadOutlined />} href={evidenceUrl(pdfPreview)} download={pdfPreview.fileName}>
              {t('ledgerx.evidence.download')}
            </Button>
          )
        }
        destroyOnHidden
      >
        {pdfPreview && (
          <object
            data={evidenceUrl(pdfPreview)}
            type="application/pdf"
            aria-label={pdfPreview.fileName}
            style={{ width: '100%', height: '100%', border: 0 }}
          >
            <div style={{ padding: 24 }}>
              {t('ledgerx.evidence.pdfFallback')}{' '}
              <a href={evidenceUrl(pdfPreview)} download={pdfPreview.fileName}>
                {t('ledgerx.evidence.download')}
              </a>
            </div>
          </object>
        )}
      </Modal>
      <MeasureModal
        open={measureOpen}
        itemId={item.id}
        measure={editingMeasure}
        onClose={() => setMeasureOpen(false)}
        onSaved={(saved) => {
          setMeasureOpen(false);
          setItem(saved);
        }}
      />
    </Space>
  );
}
