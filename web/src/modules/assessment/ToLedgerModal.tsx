import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Result } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import type { ToLedgerRequest, ToLedgerResult } from '../../api/types';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useT } from '../../i18n';

interface Values {
  title?: string;
  description?: string;
  deadline?: Dayjs | null;
}

/** Props of the “put it on the ledger” dialog (以考促改 feedback, integrity flag referral). */
export interface ToLedgerModalProps {
  open: boolean;
  title: string;
  intro: string;
  okText: string;
  /** Sends the request; the answer names the new ledger item. */
  send: (body: ToLedgerRequest) => Promise<ToLedgerResult>;
  onClose: () => void;
  /** Called once the item exists (the caller refreshes its list). */
  onDone?: (result: ToLedgerResult) => void;
}

/** Optional title, description and deadline → a new ledger item; then a link to it. */
export function ToLedgerModal({ open, title, intro, okText, send, onClose, onDone }: ToLedgerModalProps) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<ToLedgerResult | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setCreated(null);
  }, [open, form]);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const body: ToLedgerRequest = {
      ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
    };
    const result = await send(body);
    setCreated(result);
    onDone?.(result);
  });

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      footer={
        created
          ? [
              <Button key="close" onClick={onClose}>
                {t('common.ok')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void submit()}>
                {okText}
              </Button>,
            ]
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('asm.ledgerCreated', { code: created.code })}
          extra={
            <Link to={`/ledger/${created.itemId}`} data-testid="ledger-item-link">
              {t('asm.openLedgerItem', { code: created.code })}
            </Link>
          }
        />
      ) : (
        <>
          <Alert type="info" showIcon title={intro} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical">
            <Form.Item name="title" label={t('asm.detail.feedbackTitleField')} rules={[{ max: 200 }]}>
              <Input placeholder={t('asm.detail.autoPlaceholder')} maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('asm.detail.feedbackDescription')} rules={[{ max: 5000 }]}>
              <Input.TextArea placeholder={t('asm.detail.autoPlaceholder')} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="deadline" label={t('asm.detail.deadline')}>
              <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
