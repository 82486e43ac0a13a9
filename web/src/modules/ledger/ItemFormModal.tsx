import { useEffect } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Spin } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { ITEM_CATEGORIES, ITEM_SOURCES, SEVERITIES, type ItemCategory, type ItemSource, type Severity, type TCreateItemRequest, type TItemDetail, type TUpdateItemRequest } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { categoryLabel, severityLabel, sourceLabel } from './labels';
import { SimilarItemsList, useSimilarSuggestions } from './SimilarItems';

interface ItemFormValues {
  title: string;
  description?: string;
  category?: ItemCategory;
  source?: ItemSource;
  severity?: Severity;
  orgId?: number;
  responsibleOrgId?: number;
  deadline?: Dayjs | null;
  measures?: { content?: string }[];
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
  if (v.orgId && v.orgId !== item.orgId) body.orgId = v.orgId;
  if (v.responsibleOrgId && v.responsibleOrgId !== item.responsibleOrgId) body.responsibleOrgId = v.responsibleOrgId;
  if (item.status === 'submitted' && v.deadline) {
    const deadline = v.deadline.format('YYYY-MM-DD');
    if (deadline !== item.deadline) body.deadline = deadline;
  }
  return body;
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
  const similar = useSimilarSuggestions(open && !editing ? watchedTitle : '', watchedDescription, watchedOrgId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        title: item.title,
        description: item.description,
        category: item.category,
        source: item.source,
        severity: item.severity,
        orgId: item.orgId,
        responsibleOrgId: item.responsibleOrgId,
        deadline: item.deadline ? dayjs(item.deadline) : null,
      });
    } else {
      form.setFieldsValue({ orgId: defaultOrgId, measures: [{ content: '' }] });
    }
  }, [open, defaultOrgId, item, form]);

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
        saved = await api.patch<TItemDetail>(`/api/ledger/items/${item.id}`, { version: item.version, ...changes } satisfies TUpdateItemRequest);
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
    const measures = (v.measures ?? []).map((m) => m.content?.trim() ?? '').filter((c) => c !== '');
    const body: Partial<TCreateItemRequest> = {
      title: v.title.trim(),
      ...(v.category ? { category: v.category } : {}),
      ...(v.source ? { source: v.source } : {}),
      ...(v.orgId ? { orgId: v.orgId } : {}),
      ...(description ? { description } : {}),
      ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
      ...(measures.length ? { measures: measures.map((content) => ({ content })) } : {}),
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
      width={640}
    >
      <Form<ItemFormValues> name="ledgerItem" form={form} layout="vertical">
        <Form.Item name="title" label={t('ledger.titleField')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('ledger.titleField') }) }, { max: 200 }]}>
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
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="category" label={t('ledger.categoryField')} style={{ flex: 1 }} rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.categoryField') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={ITEM_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
          </Form.Item>
          <Form.Item name="source" label={t('ledger.sourceField')} style={{ flex: 1 }} rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.sourceField') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={ITEM_SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))} />
          </Form.Item>
        </div>
        {editing && (
          <Form.Item name="severity" label={t('ledger.severity')}>
            <Select options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(t, s) }))} />
          </Form.Item>
        )}
        <Form.Item name="orgId" label={t('ledger.org')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.org') }) }]}>
          <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
        </Form.Item>
        {editing && (
          <Form.Item name="responsibleOrgId" label={t('ledger.responsibleOrg')}>
            <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('ledger.deadlineField')} extra={editing && item.status !== 'submitted' ? t('ledgerx.edit.deadlineLocked') : undefined}>
          <DatePicker style={{ width: '100%' }} disabled={editing && item.status !== 'submitted'} />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('ledger.measures')} required={false}>
            <Form.List name="measures">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                      <Form.Item name={[field.name, 'content']} noStyle rules={[{ max: 1000 }]}>
                        <Input placeholder={`${t('ledger.measureLine')} ${index + 1}`} aria-label={`${t('ledger.measureLine')} ${index + 1}`} maxLength={1000} style={{ width: 520 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('ledger.removeMeasureLine')} />
                    </Space>
                  ))}
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
