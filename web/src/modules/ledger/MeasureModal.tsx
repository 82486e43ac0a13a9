import { useEffect } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { MEASURE_STATUSES, type MeasureStatus, type TItemDetail, type TMeasure } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { measureStatusLabel } from './labels';

interface MeasureFormValues {
  content?: string;
  status?: MeasureStatus;
  completionNote?: string;
}

/** Props: `measure` to update its progress, none to add a measure. */
export interface MeasureModalProps {
  open: boolean;
  itemId: number;
  measure?: TMeasure | undefined;
  onClose: () => void;
  onSaved: (item: TItemDetail) => void;
}

/** Adds a measure (POST …/measures) or updates its status and completion note (PATCH …/measures/:id). */
export function MeasureModal({ open, itemId, measure, onClose, onSaved }: MeasureModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (measure) form.setFieldsValue({ status: measure.status, completionNote: measure.completionNote ?? '' });
  }, [open, measure, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    let saved: TItemDetail;
    if (measure) {
      const note = v.completionNote?.trim();
      saved = await api.patch<TItemDetail>(`/api/ledger/items/${itemId}/measures/${measure.id}`, {
        ...(v.status ? { status: v.status } : {}),
        ...(note !== undefined && note !== (measure.completionNote ?? '') ? { completionNote: note } : {}),
        version: measure.version,
      });
    } else {
      saved = await api.post<TItemDetail>(`/api/ledger/items/${itemId}/measures`, { content: (v.content ?? '').trim() });
    }
    void message.success(t('common.saved'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={measure ? t('ledger.measure.editTitle') : t('ledger.measure.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<MeasureFormValues> name="ledgerMeasure" form={form} layout="vertical">
        {measure ? (
          <>
            <Form.Item label={t('ledger.measure.content')}>{measure.content}</Form.Item>
            <Form.Item name="status" label={t('ledger.measure.status')} rules={[{ required: true }]}>
              <Select options={MEASURE_STATUSES.map((s) => ({ value: s, label: measureStatusLabel(t, s) }))} />
            </Form.Item>
            <Form.Item name="completionNote" label={t('ledger.measure.completionNote')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="content"
            label={t('ledger.measure.content')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('ledger.measure.content') }) }, { max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
