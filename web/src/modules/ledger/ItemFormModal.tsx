import { useEffect } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Spin, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import {
  CONFIDENTIALITY,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  SEVERITIES,
  type Confidentiality,
  type ItemCategory,
  type ItemKind,
  type ItemSource,
  type Severity,
  type TCreateItemRequest,
  type TItemDetail,
  type TUpdateItemRequest,
} from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { categoryLabel, confidentialityLabel, kindLabel, severityLabel, sourceLabel } from './labels';
import { PersonPicker } from './PersonPicker';
import { SimilarItemsList, useSimilarSuggestions } from './SimilarItems';

interface MeasureValues {
  content?: string;
  ownerPersonId?: number | null;
  dueDate?: Dayjs | null;
  isMilestone?: boolean;
}

interface ItemFormValues {
  kind?: ItemKind;
  title: string;
  description?: string;
  category?: ItemCategory;
  source?: ItemSource;
  severity?: Severity;
  confidentiality?: Confidentiality;
  orgId?: number;
  responsibleOrgId?: number;
  responsiblePersonId?: number | null;
  leadLeaderId?: number | null;
  deadline?: Dayjs | null;
  isLongTerm?: boolean;
  tags?: string[];
  externalRef?: string;
  isInPool?: boolean;
  measures?: MeasureValues[];
}

/** Props of the 新增问题 dialog; with `item` it edits that item (编辑问题) instead. */
export interface ItemFormModalProps {
  open: boolean;
  defaultOrgId?: number | undefined;
  /** The item to edit (PATCH only the changed fields with its version); none to register a new one. */
  item?: TItemDetail | undefined;
  onClose: () => void;
  onSaved: (item: TItemDetail) => void;
  /** Called when the item changed meanwhile (412), so the caller reloads it. */
  onStale?: () => void;
}

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 30;
/** Tags typed with a comma (ASCII or full-width) or a space become separate tags. */
const TAG_SEPARATORS = [',', '\uFF0C', ' ', '\u3001'];

const cleanTags = (tags: readonly string[] | undefined): string[] => [
  ...new Set((tags ?? []).map((s) => s.trim()).filter((s) => s !== '')),
];
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The fields of `v` that differ from `item`, as a PATCH body (without the version). */
function changedFields(item: TItemDetail, v: ItemFormValues): Omit<TUpdateItemRequest, 'version'> {
  const body: Omit<TUpdateItemRequest, 'version'> = {};
  const title = v.title.trim();
  if (title !== item.title) body.title = title;
  const description = (v.description ?? '').trim();
  if (description !== (item.description ?? '')) body.description = description;
  if (v.category && v.category !== item.category) body.category = v.category;
  if (v.source && v.source !== item.source) body.source = v.source;
  if (v.severity && v.severity !== item.severity) body.severity = v.severity;
  if (v.confidentiality && v.confidentiality !== item.confidentiality) body.confidentiality = v.confidentiality;
  if (v.orgId && v.orgId !== item.orgId) body.orgId = v.orgId;
  if (v.responsibleOrgId && v.responsibleOrgId !== item.responsibleOrgId) body.responsibleOrgId = v.responsibleOrgId;
  const responsiblePersonId = v.responsiblePersonId ?? null;
  if (responsiblePersonId !== item.responsiblePersonId) body.responsiblePersonId = responsiblePersonId;
  const leadLeaderId = v.leadLeaderId ?? null;
  if (leadLeaderId !== item.leadLeaderId) body.leadLeaderId = leadLeaderId;
  if (item.status === 'submitted' && v.deadline) {
    const deadline = v.deadline.format('YYYY-MM-DD');
    if (deadline !== item.deadline) body.deadline = deadline;
  }
  const isLongTerm = v.isLongTerm ?? false;
  if (isLongTerm !== item.isLongTerm) body.isLongTerm = isLongTerm;
  const tags = cleanTags(v.tags);
  if (!sameList(tags, item.tags)) body.tags = tags;
  const externalRef = (v.externalRef ?? '').trim() || null;
  if (externalRef !== item.externalRef) body.externalRef = externalRef;
  if (item.status === 'submitted') {
    const isInPool = (v.isInPool ?? false) && v.confidentiality !== 'confidential';
    if (isInPool !== item.isInPool) body.isInPool = isInPool;
  }
  return body;
}

/** The measures typed in the 新增问题 form, blank lines left out. */
function measuresOf(v: ItemFormValues): NonNullable<TCreateItemRequest['measures']> {
  return (v.measures ?? [])
    .map((m) => ({ ...m, content: m.content?.trim() ?? '' }))
    .filter((m) => m.content !== '')
    .map((m) => ({
      content: m.content,
      ...(m.ownerPersonId ? { ownerPersonId: m.ownerPersonId } : {}),
      ...(m.dueDate ? { dueDate: m.dueDate.format('YYYY-MM-DD') } : {}),
      ...(m.isMilestone ? { isMilestone: true } : {}),
    }));
}

/** Modal form that registers a ledger item (POST /api/ledger/items) or edits one (PATCH /api/ledger/items/:id). */
export function ItemFormModal({ open, defaultOrgId, item, onClose, onSaved, onStale }: ItemFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const editing = item !== undefined;
  const watchedTitle = Form.useWatch('title', form);
  const watchedDescription = Form.useWatch('description', form);
  const watchedOrgId = Form.useWatch('orgId', form);
  const confidentiality = Form.useWatch('confidentiality', form);
  const similar = useSimilarSuggestions(open && !editing ? watchedTitle : '', watchedDescription, watchedOrgId);
  const confidential = confidentiality === 'confidential';
  const poolLocked = editing && item.status !== 'submitted';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        kind: item.kind,
        title: item.title,
        description: item.description,
        category: item.category,
        source: item.source,
        severity: item.severity,
        confidentiality: item.confidentiality,
        orgId: item.orgId,
        responsibleOrgId: item.responsibleOrgId,
        responsiblePersonId: item.responsiblePersonId,
        leadLeaderId: item.leadLeaderId,
        deadline: item.deadline ? dayjs(item.deadline) : null,
        isLongTerm: item.isLongTerm,
        tags: item.tags,
        externalRef: item.externalRef ?? '',
        isInPool: item.isInPool,
      });
    } else {
      form.setFieldsValue({
        kind: 'problem',
        confidentiality: 'internal',
        isLongTerm: false,
        isInPool: false,
        tags: [],
        orgId: defaultOrgId,
        measures: [{ content: '' }],
      });
    }
  }, [open, defaultOrgId, item, form]);

  // A confidential item never goes to the 领题池.
  useEffect(() => {
    if (confidential && form.getFieldValue('isInPool')) form.setFieldsValue({ isInPool: false });
  }, [confidential, form]);

  const tagRules: Rule[] = [
    {
      validator: (_rule, value: string[] | undefined) => {
        const tags = cleanTags(value);
        if (tags.length > MAX_TAGS) return Promise.reject(new Error(t('ledgerx.tags.tooMany')));
        if (tags.some((s) => s.length > MAX_TAG_LENGTH)) return Promise.reject(new Error(t('ledgerx.tags.tooLong')));
        return Promise.resolve();
      },
    },
  ];

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (item) {
      const changes = changedFields(item, v);
      if (Object.keys(changes).length === 0) {
        void message.info(t('ledgerx.edit.noChange'));
        onClose();
        return;
      }
      let saved: TItemDetail;
      try {
        saved = await api.patch<TItemDetail>(`/api/ledger/items/${item.id}`, {
          version: item.version,
          ...changes,
        } satisfies TUpdateItemRequest);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          void message.warning(t('ledgerx.edit.stale'));
          onStale?.();
          return;
        }
        throw error;
      }
      void message.success(t('common.saved'));
      onSaved(saved);
      return;
    }
    const description = v.description?.trim();
    const externalRef = v.externalRef?.trim();
    const tags = cleanTags(v.tags);
    const measures = measuresOf(v);
    const body: Partial<TCreateItemRequest> = {
      kind: v.kind ?? 'problem',
      title: v.title.trim(),
      ...(v.category ? { category: v.category } : {}),
      ...(v.source ? { source: v.source } : {}),
      ...(v.confidentiality ? { confidentiality: v.confidentiality } : {}),
      ...(v.orgId ? { orgId: v.orgId } : {}),
      ...(v.responsiblePersonId ? { responsiblePersonId: v.responsiblePersonId } : {}),
      ...(v.leadLeaderId ? { leadLeaderId: v.leadLeaderId } : {}),
      ...(description ? { description } : {}),
      ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
      ...(v.isLongTerm ? { isLongTerm: true } : {}),
      ...(tags.length ? { tags } : {}),
      ...(externalRef ? { externalRef } : {}),
      ...(v.isInPool && v.confidentiality !== 'confidential' ? { isInPool: true } : {}),
      ...(measures.length ? { measures } : {}),
    };
    const saved = await api.post<TItemDetail>('/api/ledger/items', body);
    void message.success(t('common.created'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={editing ? t('ledgerx.edit.title') : t('ledger.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      width={780}
    >
      <Form<ItemFormValues> name="ledgerItem" form={form} layout="vertical">
        <Form.Item
          name="title"
          label={t('ledger.titleField')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('ledger.titleField') }) }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {!editing && (similar.items.length > 0 || similar.loading) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: -12, marginBottom: 16 }}
            title={
              <Space size={8}>
                <span>{t('ledgerx.similar.hint')}</span>
                {similar.loading && <Spin size="small" />}
              </Space>
            }
            description={
              similar.items.length > 0 ? (
                <>
                  <SimilarItemsList items={similar.items.slice(0, 5)} />
                  <div style={{ fontSize: 12, opacity: 0.7 }}>{t('ledgerx.similar.hintExtra')}</div>
                </>
              ) : (
                t('ledgerx.similar.searching')
              )
            }
          />
        )}
        <Form.Item name="description" label={t('ledger.description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('ledgerx.kind')} extra={editing ? t('ledgerx.kind.locked') : undefined}>
              <Select disabled={editing} options={ITEM_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="category"
              label={t('ledger.categoryField')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.categoryField') }) }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={ITEM_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="source"
              label={t('ledger.sourceField')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.sourceField') }) }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={ITEM_SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {editing && (
            <Col xs={24} sm={8}>
              <Form.Item name="severity" label={t('ledger.severity')}>
                <Select options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(t, s) }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={8}>
            <Form.Item name="confidentiality" label={t('ledgerx.confidentiality')} tooltip={t('ledgerx.confidentiality.hint')}>
              <Select options={CONFIDENTIALITY.map((c) => ({ value: c, label: confidentialityLabel(t, c) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={editing ? 8 : 16}>
            <Form.Item name="externalRef" label={t('ledgerx.externalRef')} rules={[{ max: 64 }]}>
              <Input maxLength={64} allowClear placeholder={t('ledgerx.externalRef.placeholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={editing ? 12 : 24}>
            <Form.Item
              name="orgId"
              label={t('ledger.org')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.org') }) }]}
            >
              <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing && (
            <Col xs={24} sm={12}>
              <Form.Item name="responsibleOrgId" label={t('ledger.responsibleOrg')}>
                <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="responsiblePersonId" label={t('ledger.responsiblePerson')}>
              <PersonPicker label={item?.responsiblePersonName} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="leadLeaderId" label={t('ledgerx.leadLeader')}>
              <PersonPicker label={item?.leadLeaderName} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="deadline"
              label={t('ledger.deadlineField')}
              extra={editing && item.status !== 'submitted' ? t('ledgerx.edit.deadlineLocked') : undefined}
            >
              <DatePicker style={{ width: '100%' }} disabled={editing && item.status !== 'submitted'} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="isLongTerm" label={t('ledgerx.longTerm')} valuePropName="checked" tooltip={t('ledgerx.longTerm.hint')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="isInPool"
              label={t('ledgerx.pool')}
              valuePropName="checked"
              tooltip={t('ledgerx.pool.hint')}
              extra={confidential ? t('ledgerx.pool.confidential') : poolLocked ? t('ledgerx.pool.locked') : undefined}
            >
              <Switch disabled={confidential || poolLocked} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('ledgerx.tags')} rules={tagRules}>
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} placeholder={t('ledgerx.tags.placeholder')} notFoundContent={null} />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('ledger.measures')} required={false}>
            <Form.List name="measures">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => {
                    const n = `${t('ledger.measureLine')} ${index + 1}`;
                    return (
                      <div
                        key={field.key}
                        style={{ border: '1px solid rgba(5, 5, 5, 0.06)', borderRadius: 6, padding: '8px 8px 0', marginBottom: 8 }}
                      >
                        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                          <Form.Item name={[field.name, 'content']} rules={[{ max: 1000 }]} style={{ flex: 1, marginBottom: 8 }}>
                            <Input placeholder={n} aria-label={n} maxLength={1000} />
                          </Form.Item>
                          <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('ledger.removeMeasureLine')} />
                        </div>
                        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                          <Form.Item name={[field.name, 'ownerPersonId']} style={{ marginBottom: 8 }}>
                            <PersonPicker
                              placeholder={t('ledgerx.measure.owner')}
                              aria-label={`${t('ledgerx.measure.owner')} ${index + 1}`}
                              style={{ width: 220 }}
                            />
                          </Form.Item>
                          <Form.Item name={[field.name, 'dueDate']} style={{ marginBottom: 8 }}>
                            <DatePicker
                              placeholder={t('ledgerx.measure.dueDate')}
                              aria-label={`${t('ledgerx.measure.dueDate')} ${index + 1}`}
                              style={{ width: 160 }}
                            />
                          </Form.Item>
                          <Form.Item name={[field.name, 'isMilestone']} valuePropName="checked" style={{ marginBottom: 8 }}>
                            <Checkbox>{t('ledgerx.measure.milestone')}</Checkbox>
                          </Form.Item>
                        </div>
                      </div>
                    );
                  })}
                  <Button type="dashed" onClick={() => add({ content: '' })} icon={<PlusOutlined />}>
                    {t('ledger.addMeasureLine')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
