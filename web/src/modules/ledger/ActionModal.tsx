import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import {
  CLOSURE_OUTCOMES,
  type ClosureOutcome,
  type ItemAction,
  type TActionRequest,
  type TItemDetail,
  type AssigneeList,
} from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { actionLabel, outcomeLabel } from './labels';

interface ActionFormValues {
  comment?: string;
  handlerUserId?: number | null;
  deadline?: Dayjs | null;
  outcome?: ClosureOutcome;
  reason?: string;
  decision?: 'approve' | 'refuse';
  result?: 'consolidated' | 'rebound';
}

/** Props of the dialog of one step; `action` null keeps it closed. */
export interface ActionModalProps {
  item: TItemDetail;
  action: ItemAction | null;
  onClose: () => void;
  onDone: (item: TItemDetail) => void;
}

/** Handlers for the 交办 picker; null when the caller may not list users (then a numeric ID is asked). */
export function useHandlers(enabled: boolean): { options: { value: number; label: string }[] | null; loading: boolean } {
  const [options, setOptions] = useState<{ value: number; label: string }[] | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    api
      .get<AssigneeList>('/api/ledger/assignees')
      .then((res) => {
        if (live) setOptions(res.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.orgName}）` })));
      })
      .catch(() => {
        // Should not happen for a supervisor; fall back to the numeric 承办人用户ID.
        if (live) setOptions(null);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [enabled]);
  return { options, loading };
}

/** Asks what a step needs (comment, handler, outcome, reason, deadline, decision, result) and posts it with the item's version. */
export function ActionModal({ item, action, onClose, onDone }: ActionModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const outcome = Form.useWatch('outcome', form);
  const handlers = useHandlers(action === 'assign');

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'close') form.setFieldsValue({ outcome: 'rectified' });
    if (action === 'decide-extension') form.setFieldsValue({ decision: 'approve' });
    if (action === 'recheck') form.setFieldsValue({ result: 'consolidated' });
  }, [action, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!action) return;
    const comment = v.comment?.trim();
    const reason = v.reason?.trim();
    const body: TActionRequest = {
      version: item.version,
      ...(comment ? { comment } : {}),
      ...(action === 'assign' && v.handlerUserId ? { handlerUserId: v.handlerUserId } : {}),
      ...((action === 'assign' || action === 'request-extension') && v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
      ...(action === 'close' && v.outcome ? { outcome: v.outcome } : {}),
      ...(reason ? { reason } : {}),
      ...(action === 'decide-extension' && v.decision ? { decision: v.decision } : {}),
      ...(action === 'recheck' && v.result ? { result: v.result } : {}),
    };
    const saved = await api.post<TItemDetail>(`/api/ledger/items/${item.id}/actions/${action}`, body);
    void message.success(t('ledger.actionDone', { action: actionLabel(t, action) }));
    onDone(saved);
  });

  const needsReason = action === 'reject' || action === 'request-extension' || (action === 'close' && outcome === 'not_rectifiable');
  const reasonLabel =
    action === 'reject' ? t('ledger.rejectReason') : action === 'request-extension' ? t('ledger.ext.reason') : t('ledger.field.reason');

  return (
    <Modal
      open={action !== null}
      title={action ? actionLabel(t, action) : ''}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<ActionFormValues> name="ledgerAction" form={form} layout="vertical">
        {action === 'assign' && <HandlerField handlers={handlers} />}
        {(action === 'assign' || action === 'request-extension') && (
          <Form.Item
            name="deadline"
            label={action === 'assign' ? t('ledger.deadlineField') : t('ledger.field.newDeadline')}
            rules={
              action === 'request-extension'
                ? [{ required: true, message: t('common.requiredSelect', { label: t('ledger.field.newDeadline') }) }]
                : []
            }
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {action === 'close' && (
          <Form.Item name="outcome" label={t('ledger.field.outcome')} rules={[{ required: true }]}>
            <Radio.Group options={CLOSURE_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(t, o) }))} />
          </Form.Item>
        )}
        {action === 'decide-extension' && (
          <Form.Item name="decision" label={t('ledger.field.decision')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'approve', label: t('ledger.decision.approve') },
                { value: 'refuse', label: t('ledger.decision.refuse') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'recheck' && (
          <Form.Item name="result" label={t('ledger.field.result')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'consolidated', label: t('ledger.result.consolidated') },
                { value: 'rebound', label: t('ledger.result.rebound') },
              ]}
            />
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item
            name="reason"
            label={reasonLabel}
            rules={[{ required: true, whitespace: true, message: t('common.required', { label: reasonLabel }) }, { max: 2000 }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item name="comment" label={t('ledger.field.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The 承办人 field of 交办 (one item or many): a picker by name, or the numeric user ID when the list is not available. */
export function HandlerField({ handlers }: { handlers: ReturnType<typeof useHandlers> }) {
  const t = useT();
  const label = handlers.options ? t('ledger.field.handler') : t('ledger.field.handlerId');
  return (
    <Form.Item
      name="handlerUserId"
      label={label}
      extra={handlers.options ? undefined : t('ledger.field.handlerIdHint')}
      rules={[{ required: true, message: t('common.required', { label }) }]}
    >
      {handlers.options ? (
        <Select showSearch={{ optionFilterProp: 'label' }} loading={handlers.loading} options={handlers.options} />
      ) : (
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      )}
    </Form.Item>
  );
}
