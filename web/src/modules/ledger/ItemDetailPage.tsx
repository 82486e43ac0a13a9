import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Card, Result, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { cacheGeneration, cacheKey, readCache, writeCache } from '../../api/cache';
import type { ItemAction, ItemStatus, TItemDetail } from '../../api/types';
import { useLocale, useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { ActionModal } from './ActionModal';
import { ItemFormModal } from './ItemFormModal';
import { MergeModal } from './MergeModal';
import { ItemHeader } from './item-detail/ItemHeader';
import { ProblemPanel, ResponsibilityPanel } from './item-detail/ProblemPanel';
import { DeadlinePanel } from './item-detail/DeadlinePanel';
import { MeasuresPanel } from './item-detail/MeasuresPanel';
import { EvidencePanel } from './item-detail/EvidencePanel';
import { RechecksPanel } from './item-detail/RechecksPanel';
import { LinksPanel } from './item-detail/LinksPanel';
import { SimilarPanel } from './item-detail/SimilarPanel';
import { CommentsPanel } from './item-detail/CommentsPanel';
import { TimelinePanel } from './item-detail/TimelinePanel';

/** The statuses in which measures and evidence may still change. */
const MEASURES_EDITABLE: readonly ItemStatus[] = ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'];

/** The page's shape while the item loads for the first time. */
function DetailSkeleton() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="page-skeleton">
      <Card>
        <Skeleton active title paragraph={{ rows: 1 }} />
      </Card>
      <Card size="small">
        <Skeleton active paragraph={{ rows: 4 }} />
      </Card>
      <Card size="small">
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    </Space>
  );
}

/** 问题详情: the four lists (问题、责任、时限、整改), evidence, rechecks, links, similar items, comments, the timeline and the steps the user may take. */
export default function ItemDetailPage() {
  const t = useT();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const showError = useApiError();
  const { id } = useParams();
  const itemId = Number(id);
  const { locale } = useLocale();
  const at = cacheKey(locale, `/api/ledger/items/${itemId}`, {});
  // The item as read last time (kept until the next write) shows at once while it is read again.
  const [item, setItem] = useState<TItemDetail | null>(() => readCache<TItemDetail>(at) ?? null);
  const [shownAt, setShownAt] = useState(at);
  if (shownAt !== at) {
    setShownAt(at);
    setItem(readCache<TItemDetail>(at) ?? null);
  }
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState(false);
  const [action, setAction] = useState<ItemAction | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);

  const latest = useRef(at);
  latest.current = at;

  const load = useCallback(async () => {
    if (!Number.isInteger(itemId) || itemId <= 0) {
      setMissing(true);
      setLoading(false);
      return;
    }
    setLoading(true);
    const since = cacheGeneration();
    try {
      const read = await api.get<TItemDetail>(`/api/ledger/items/${itemId}`);
      writeCache(at, read, since);
      // An answer for the item the page showed before a link moved it on is dropped.
      if (latest.current !== at) return;
      setItem(read);
      setMissing(false);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) setMissing(true);
      else showError(error);
    } finally {
      setLoading(false);
    }
  }, [itemId, at, showError]);

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
  if (!item) return <DetailSkeleton />;

  const mayEditMeasures = MEASURES_EDITABLE.includes(item.status) && (item.handlerUserId === me?.id || can('ledger.supervise'));
  const mayMerge = item.allowedActions.includes('merge');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ItemHeader
        item={item}
        loading={loading}
        onReload={() => void load()}
        onAction={setAction}
        onEdit={() => setEditOpen(true)}
        onMerge={() => setMergeOpen(true)}
      />
      <ProblemPanel item={item} />
      <ResponsibilityPanel item={item} />
      <DeadlinePanel item={item} />
      <MeasuresPanel item={item} mayEdit={mayEditMeasures} onChange={setItem} />
      <EvidencePanel item={item} mayUpload={mayEditMeasures} onChange={setItem} />
      <RechecksPanel item={item} />
      <LinksPanel item={item} onChange={setItem} />
      <SimilarPanel item={item} onMerge={() => setMergeOpen(true)} />
      <CommentsPanel item={item} onChange={setItem} />
      <TimelinePanel item={item} />

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
    </Space>
  );
}
