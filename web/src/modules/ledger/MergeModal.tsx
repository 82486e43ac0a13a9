import { useEffect, useMemo, useState } from 'react';
import { App, Form, Input, Modal, Radio, Select, Space, Spin, Typography } from 'antd';
import { api } from '../../api/client';
import type { ItemStatus, TActionRequest, TItemDetail } from '../../api/types';
import { useT } from '../../i18n';
import { useItemSearch } from './useItemSearch';
import { useFormSubmit } from '../../app/useFormSubmit';
import { StatusTag } from './labels';
import { scorePercent } from './SimilarItems';

interface MergeFormValues {
  targetId?: number;
  comment?: string;
}

interface TargetOption {
  id: number;
  code: string;
  title: string;
  status: ItemStatus;
  extra: string;
}

/** Props of the 合并为重复 dialog. */
export interface MergeModalProps {
  item: TItemDetail;
  open: boolean;
  onClose: () => void;
  onDone: (item: TItemDetail) => void;
}

const TERMINAL: readonly ItemStatus[] = ['closed', 'rejected', 'merged'];

/** Chooses the item this one duplicates (from its similar list, or by code / keyword) and posts the merge step with the item's version. */
export function MergeModal({ item, open, onClose, onDone }: MergeModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MergeFormValues>();
  const targetId = Form.useWatch('targetId', form);
  const { search, setSearch, found: hits, searching } = useItemSearch(open, 2);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item.similar.length > 0) form.setFieldsValue({ targetId: item.similar[0]!.id });
  }, [open, item, form]);
  const found: TargetOption[] = useMemo(
    () =>
      hits
        .filter((i) => i.id !== item.id && !TERMINAL.includes(i.status))
        .map((i) => ({ id: i.id, code: i.code, title: i.title, status: i.status, extra: i.responsibleOrgName })),
    [hits, item.id],
  );

  const similar: TargetOption[] = useMemo(
    () =>
      item.similar.map((s) => ({
        id: s.id,
        code: s.code,
        title: s.title,
        status: s.status,
        extra: `${s.responsibleOrgName} · ${t('ledgerx.similar.score', { n: scorePercent(s.score) })}`,
      })),
    [item.similar, t],
  );
  // The picked target stays in the options while the search moves on.
  const [picked, setPicked] = useState<TargetOption | null>(null);
  const searchOptions = useMemo(() => {
    const list = [...found];
    if (picked && !list.some((o) => o.id === picked.id)) list.unshift(picked);
    return list;
  }, [found, picked]);
  const inSimilar = similar.some((s) => s.id === targetId);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!v.targetId) return;
    const comment = v.comment?.trim();
    const body: TActionRequest = { version: item.version, targetId: v.targetId, ...(comment ? { comment } : {}) };
    const saved = await api.post<TItemDetail>(`/api/ledger/items/${item.id}/actions/merge`, body);
    const target = [...similar, ...searchOptions].find((o) => o.id === v.targetId);
    void message.success(t('ledgerx.merge.done', { code: target?.code ?? `#${v.targetId}` }));
    onDone(saved);
  });

  const optionLabel = (o: TargetOption) => (
    <Space size={6} wrap>
      <Typography.Text type="secondary">{o.code}</Typography.Text>
      <span>{o.title}</span>
      <StatusTag status={o.status} />
      <Typography.Text type="secondary">{o.extra}</Typography.Text>
    </Space>
  );

  return (
    <Modal
      open={open}
      title={t('ledgerx.merge.title')}
      okText={t('ledgerx.merge.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      width={680}
    >
      <Typography.Paragraph type="secondary">{t('ledgerx.merge.intro', { code: item.code })}</Typography.Paragraph>
      <Form<MergeFormValues> name="ledgerMerge" form={form} layout="vertical">
        {similar.length > 0 && (
          <Form.Item label={t('ledgerx.merge.fromSimilar')}>
            <Radio.Group
              value={inSimilar ? targetId : undefined}
              onChange={(e) => {
                setPicked(null);
                form.setFieldsValue({ targetId: e.target.value as number });
              }}
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={similar.map((o) => ({ value: o.id, label: optionLabel(o) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="targetId"
          label={t('ledgerx.merge.target')}
          rules={[{ required: true, message: t('ledgerx.merge.targetRequired') }]}
        >
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            placeholder={t('ledgerx.merge.targetPlaceholder')}
            notFoundContent={searching ? <Spin size="small" /> : null}
            onChange={(value) => {
              setPicked([...similar, ...searchOptions].find((o) => o.id === value) ?? null);
            }}
            options={[...(inSimilar ? similar.filter((s) => s.id === targetId) : []), ...searchOptions].map((o) => ({
              value: o.id,
              label: `${o.code} ${o.title}`,
              option: o,
            }))}
            optionRender={(o) => optionLabel((o.data as { option: TargetOption }).option)}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('ledgerx.merge.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
