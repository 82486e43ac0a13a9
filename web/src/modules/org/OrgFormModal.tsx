import { useEffect } from 'react';
import { Form, Input, Modal, Select, App } from 'antd';
import { api } from '../../api/client';
import { ORG_LEVELS, ORG_ZONES, type OrgLevel, type OrgZone, type TOrg } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';

interface OrgFormValues {
  name: string;
  code?: string;
  level: OrgLevel;
  zone: OrgZone;
}

const NEXT_LEVEL: Record<OrgLevel, OrgLevel> = {
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'village',
  village: 'village',
  department: 'department',
};

/** Props: `parent` to create a child of it, or `org` to edit. */
export interface OrgFormModalProps {
  open: boolean;
  parent?: TOrg | undefined;
  org?: TOrg | undefined;
  onClose: () => void;
  onSaved: (org: TOrg) => void;
}

/** Modal form to create a child org (POST /api/orgs) or edit one (PATCH /api/orgs/:id). */
export function OrgFormModal({ open, parent, org, onClose, onSaved }: OrgFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const editing = !!org;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) form.setFieldsValue({ name: org.name, code: org.code ?? undefined, level: org.level, zone: org.zone });
    else if (parent) form.setFieldsValue({ level: NEXT_LEVEL[parent.level], zone: parent.zone });
  }, [open, org, parent, form]);

  const { saving, submit } = useFormSubmit(form, async (values) => {
    const code = values.code?.trim() ? values.code.trim() : undefined;
    let saved: TOrg;
    if (org) {
      saved = await api.patch<TOrg>(`/api/orgs/${org.id}`, {
        name: values.name.trim(),
        code: code ?? null,
        level: values.level,
        zone: values.zone,
        version: org.version,
      });
    } else if (parent) {
      saved = await api.post<TOrg>('/api/orgs', {
        parentId: parent.id,
        name: values.name.trim(),
        ...(code ? { code } : {}),
        level: values.level,
        zone: values.zone,
      });
    } else return;
    void message.success(editing ? t('common.saved') : t('common.created'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={editing ? t('org.editTitle') : t('org.addChildTitle', { parent: parent?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<OrgFormValues> name={editing ? 'orgEdit' : 'orgCreate'} form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('org.name') }) }, { max: 100 }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} rules={[{ max: 32 }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('org.level')}
          rules={[{ required: true, message: t('common.requiredSelect', { label: t('org.level') }) }]}
        >
          <Select options={ORG_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="zone"
          label={t('org.zone')}
          rules={[{ required: true, message: t('common.requiredSelect', { label: t('org.zone') }) }]}
        >
          <Select options={ORG_ZONES.map((z) => ({ value: z, label: t(`zone.${z}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
