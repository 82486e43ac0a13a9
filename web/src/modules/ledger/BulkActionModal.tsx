import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import type { BulkActionRequest, BulkActionResult, TItemSummary } from '../../api/types';
import { useT, type TFunction } from '../../i18n';
import { useApiError } from '../../app/useApiError';
import { useFormSubmit } from '../../app/useFormSubmit';
import { HandlerField, useHandlers } from './ActionModal';

/** The steps that may be taken on many items at once. */
export type BulkAction = BulkActionRequest['action'];

/** Button / title label of a bulk step. */
export const bulkActionLabel = (t: TFunction, a: BulkAction): string =>
  t(a === 'urge' ? 'ledgerx.bulk.urge' : a === 'assign' ? 'ledgerx.bulk.assign' : 'ledgerx.bulk.reject');

interface BulkFormValues {
  comment?: string;
  handlerUserId?: number | null;
  deadline?: Dayjs | null;
  reason?: string;
}

/** Props of the bulk dialog; `action` null keeps it closed. */
export interface BulkActionModalProps {
  action: BulkAction | null;
  items: readonly TItemSummary[];
  onClose: () => void;
  onDone: (done: number) => void;
}

/** The row an error field such as `items.3` or `items.3.handlerUserId` points at, or null. */
function erroredIndex(field: string | undefined): number | null {
  const m = field ? /^items\.(\d+)(?:\.|$)/.exec(field) : null;
  return m ? Number(m[1]) : null;
}

/** Asks what a bulk 催办 / 交办 / 不予受理 needs and posts it once for all the selected items (all or nothing). */
export function BulkActionModal({ action, items, onClose, onDone }: BulkActionModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<BulkFormValues>();
  const handlers = useHandlers(action === 'assign');

  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!action) return;
    const comment = v.comment?.trim();
    const reason = v.reason?.trim();
    const body: BulkActionRequest = {
      action,
      items: items.map((i) => ({ id: i.id, version: i.version })),
      ...(comment ? { comment } : {}),
      ...(action === 'assign' && v.handlerUserId ? { handlerUserId: v.handlerUserId } : {}),
      ...(action === 'assign' && v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
      ...(action === 'reject' && reason ? { reason } : {}),
    };
    let res: BulkActionResult;
    try {
      res = await api.post<BulkActionResult>('/api/ledger/bulk-actions', body);
    } catch (error) {
      const index = error instanceof ApiError ? erroredIndex(error.field) : null;
      if (error instanceof ApiError && index !== null) {
        const code = items[index]?.code ?? `#${index + 1}`;
        const rest = error.field!.split('.').slice(2).join('.');
        if (rest && rest in (form.getFieldsValue(true) as object))
          form.setFields([{ name: rest as keyof BulkFormValues, errors: [error.message] }]);
        void message.error({ content: t('ledgerx.bulk.rowError', { n: index + 1, code, message: error.message }), duration: 8 });
        return;
      }
      showError(error, form);
      return;
    }
    void message.success(t('ledgerx.bulk.done', { n: res.done }));
    onDone(res.done);
  });

  return (
    <Modal
      open={action !== null}
      title={action ? `${bulkActionLabel(t, action)}（${items.length}）` : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'reject' }}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      {action && (
        <Typography.Paragraph type="secondary">
          {t('ledgerx.bulk.intro', { n: items.length, action: t(`ledgerx.bulk.name.${action}`) })}
          <br />
          {items
            .slice(0, 8)
            .map((i) => i.code)
            .join('、')}
          {items.length > 8 ? ' …' : ''}
        </Typography.Paragraph>
      )}
      <Form<BulkFormValues> name="ledgerBulk" form={form} layout="vertical">
        {action === 'assign' && (
          <>
            <HandlerField handlers={handlers} />
            <Form.Item name="deadline" label={t('ledger.deadlineField')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item
            name="reason"
            label={t('ledgerx.bulk.reason')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { label: t('ledgerx.bulk.reason') }) },
              { max: 2000 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item name="comment" label={action === 'urge' ? t('ledgerx.bulk.comment') : t('ledger.field.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
