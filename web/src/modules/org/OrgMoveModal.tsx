import { useEffect, useMemo } from 'react';
import { Form, Modal, App } from 'antd';
import { api } from '../../api/client';
import type { TOrg } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from './OrgTreeSelect';
import { useOrgs } from './orgs.store';
import { subtreeIds } from './orgTree';

/** Props of the move dialog. */
export interface OrgMoveModalProps {
  org: TOrg | undefined;
  open: boolean;
  onClose: () => void;
  onMoved: (org: TOrg) => void;
}

/** Modal with a TreeSelect of the new parent (POST /api/orgs/:id/move). */
export function OrgMoveModal({ org, open, onClose, onMoved }: OrgMoveModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const { orgs } = useOrgs();
  const [form] = Form.useForm<{ parentId?: number }>();
  const exclude = useMemo(() => (org ? subtreeIds(orgs, org.id) : new Set<number>()), [orgs, org]);

  useEffect(() => {
    if (open) form.setFieldsValue({ parentId: org?.parentId ?? undefined });
  }, [open, org, form]);

  const { saving, submit } = useFormSubmit(form, async (values) => {
    if (!org) return;
    const moved = await api.post<TOrg>(`/api/orgs/${org.id}/move`, { parentId: values.parentId, version: org.version });
    void message.success(t('org.moved'));
    onMoved(moved);
  });

  return (
    <Modal
      open={open}
      title={t('org.moveTitle', { name: org?.name ?? '' })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form name="orgMove" form={form} layout="vertical">
        <Form.Item
          name="parentId"
          label={t('org.newParent')}
          rules={[{ required: true, message: t('common.requiredSelect', { label: t('org.newParent') }) }]}
        >
          <OrgTreeSelect exclude={exclude} placeholder={t('org.picker')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
