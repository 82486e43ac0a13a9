import { useEffect, useState } from 'react';
import { App, Form, Modal, Select, Space, Spin, Typography } from 'antd';
import { api } from '../../api/client';
import { useItemSearch } from './useItemSearch';
import type { ItemStatus, TItemDetail } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { StatusTag } from './labels';

interface LinkFormValues {
  targetId?: number;
}

interface TargetOption {
  id: number;
  code: string;
  title: string;
  status: ItemStatus;
  orgName: string;
  linked: boolean;
}

/** Props of the 添加关联 dialog. */
export interface LinkModalProps {
  item: TItemDetail;
  open: boolean;
  onClose: () => void;
  onDone: (item: TItemDetail) => void;
}

/** Chooses a related item by code or keyword (GET /api/ledger/items?q=) and links it (POST /api/ledger/items/:id/links). */
export function LinkModal({ item, open, onClose, onDone }: LinkModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkFormValues>();
  const { search, setSearch, found: hits, searching } = useItemSearch(open, 1);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const linked = new Set(item.links.filter((l) => l.kind === 'related').map((l) => l.id));
  const found: TargetOption[] = hits
    .filter((i) => i.id !== item.id)
    .map((i) => ({ id: i.id, code: i.code, title: i.title, status: i.status, orgName: i.responsibleOrgName, linked: linked.has(i.id) }));

  // The picked item stays among the options while the search moves on.
  const [picked, setPicked] = useState<TargetOption | null>(null);
  const options = picked && !found.some((o) => o.id === picked.id) ? [picked, ...found] : found;

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!v.targetId) return;
    const saved = await api.post<TItemDetail>(`/api/ledger/items/${item.id}/links`, { targetId: v.targetId });
    const target = options.find((o) => o.id === v.targetId);
    void message.success(t('ledgerx.links.added', { code: target?.code ?? `#${v.targetId}` }));
    onDone(saved);
  });

  return (
    <Modal
      open={open}
      title={t('ledgerx.links.addTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      width={640}
    >
      <Form<LinkFormValues> name="ledgerLink" form={form} layout="vertical">
        <Form.Item
          name="targetId"
          label={t('ledgerx.links.target')}
          rules={[{ required: true, message: t('ledgerx.links.targetRequired') }]}
        >
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            placeholder={t('ledgerx.merge.targetPlaceholder')}
            notFoundContent={searching ? <Spin size="small" /> : null}
            onChange={(value) => setPicked(options.find((o) => o.id === value) ?? null)}
            options={options.map((o) => ({ value: o.id, label: `${o.code} ${o.title}`, disabled: o.linked, option: o }))}
            optionRender={(o) => {
              const option = (o.data as { option: TargetOption }).option;
              return (
                <Space size={6} wrap>
                  <Typography.Text type="secondary">{option.code}</Typography.Text>
                  <span>{option.title}</span>
                  <StatusTag status={option.status} />
                  <Typography.Text type="secondary">{option.linked ? t('ledgerx.links.already') : option.orgName}</Typography.Text>
                </Space>
              );
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
