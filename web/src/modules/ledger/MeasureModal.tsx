import { useEffect } from 'react';
import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { MEASURE_STATUSES, type MeasureStatus, type TItemDetail, type TMeasure } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { measureStatusLabel } from './labels';
import { PersonPicker } from './PersonPicker';

interface MeasureFormValues {
  content?: string;
  status?: MeasureStatus;
  completionNote?: string;
  ownerPersonId?: number | null;
  dueDate?: Dayjs | null;
  isMilestone?: boolean;
}

/** Props: `measure` to update its progress, none to add a measure. */
export interface MeasureModalProps {
  open: boolean;
  itemId: number;
  measure?: TMeasure | undefined;
  onClose: () => void;
  onSaved: (item: TItemDetail) => void;
}

/** Adds a measure (POST …/measures) or updates it — status, completion note, owner, due date, 里程碑 (PATCH …/measures/:id). */
export function MeasureModal({ open, itemId, measure, onClose, onSaved }: MeasureModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (measure)
      form.setFieldsValue({
        status: measure.status,
        completionNote: measure.completionNote ?? '',
        ownerPersonId: measure.ownerPersonId,
        dueDate: measure.dueDate ? dayjs(measure.dueDate) : null,
        isMilestone: measure.isMilestone,
      });
    else form.setFieldsValue({ isMilestone: false });
  }, [open, measure, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    let saved: TItemDetail;
    const dueDate = v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null;
    const ownerPersonId = v.ownerPersonId ?? null;
    const isMilestone = v.isMilestone ?? false;
    if (measure) {
      const note = v.completionNote?.trim();
      saved = await api.patch<TItemDetail>(`/api/ledger/items/${itemId}/measures/${measure.id}`, {
        ...(v.status ? { status: v.status } : {}),
        ...(note !== undefined && note !== (measure.completionNote ?? '') ? { completionNote: note } : {}),
        ...(ownerPersonId !== measure.ownerPersonId ? { ownerPersonId } : {}),
        ...(dueDate !== measure.dueDate ? { dueDate } : {}),
        ...(isMilestone !== measure.isMilestone ? { isMilestone } : {}),
        version: measure.version,
      });
    } else {
      saved = await api.post<TItemDetail>(`/api/ledger/items/${itemId}/measures`, {
        content: (v.content ?? '').trim(),
        ...(ownerPersonId ? { ownerPersonId } : {}),
        ...(dueDate ? { dueDate } : {}),
        ...(isMilestone ? { isMilestone } : {}),
      });
    }
    void message.success(t('common.saved'));
    onSaved(saved);
  });

  const planFields = (
    <Row gutter={16} align="bottom">
      <Col xs={24} sm={10}>
        <Form.Item name="ownerPersonId" label={t('ledgerx.measure.owner')}>
          <PersonPicker label={measure?.ownerName} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={14} sm={8}>
        <Form.Item name="dueDate" label={t('ledgerx.measure.dueDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={10} sm={6}>
        <Form.Item name="isMilestone" valuePropName="checked">
          <Checkbox>{t('ledgerx.measure.milestone')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );

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
      width={600}
    >
      <Form<MeasureFormValues> name="ledgerMeasure" form={form} layout="vertical">
        {measure ? (
          <>
            <Form.Item label={t('ledger.measure.content')}>{measure.content}</Form.Item>
            {planFields}
            <Form.Item name="status" label={t('ledger.measure.status')} rules={[{ required: true }]}>
              <Select options={MEASURE_STATUSES.map((s) => ({ value: s, label: measureStatusLabel(t, s) }))} />
            </Form.Item>
            <Form.Item name="completionNote" label={t('ledger.measure.completionNote')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="content"
              label={t('ledger.measure.content')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { label: t('ledger.measure.content') }) },
                { max: 1000 },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            {planFields}
          </>
        )}
      </Form>
    </Modal>
  );
}
