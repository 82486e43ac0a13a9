import { useEffect } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { ITEM_CATEGORIES, ITEM_SOURCES, type ItemCategory, type ItemSource, type TCreateItemRequest, type TItemDetail } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { categoryLabel, sourceLabel } from './labels';

interface ItemFormValues {
  title: string;
  description?: string;
  category?: ItemCategory;
  source?: ItemSource;
  orgId?: number;
  deadline?: Dayjs | null;
  measures?: { content?: string }[];
}

/** Props of the 新增问题 dialog. */
export interface ItemFormModalProps {
  open: boolean;
  defaultOrgId?: number | undefined;
  onClose: () => void;
  onSaved: (item: TItemDetail) => void;
}

/** Modal form that registers a ledger item (POST /api/ledger/items). */
export function ItemFormModal({ open, defaultOrgId, onClose, onSaved }: ItemFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ orgId: defaultOrgId, measures: [{ content: '' }] });
  }, [open, defaultOrgId, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
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
      title={t('ledger.addTitle')}
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
        <Form.Item name="orgId" label={t('ledger.org')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('ledger.org') }) }]}>
          <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="deadline" label={t('ledger.deadlineField')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
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
      </Form>
    </Modal>
  );
}
