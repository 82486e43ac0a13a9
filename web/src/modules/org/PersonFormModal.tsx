import { useEffect } from 'react';
import { App, Form, Input, Modal, Switch } from 'antd';
import { api } from '../../api/client';
import type { TPerson } from '../../api/types';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from './OrgTreeSelect';

interface PersonFormValues {
  orgId?: number;
  name: string;
  position?: string;
  rank?: string;
  isPrincipal: boolean;
  contact?: string;
  isActive: boolean;
}

/** Props: `person` to edit, none to create. */
export interface PersonFormModalProps {
  open: boolean;
  person?: TPerson | undefined;
  defaultOrgId?: number | undefined;
  onClose: () => void;
  onSaved: (person: TPerson) => void;
}

const PHONE = /^[0-9+\-() ]{3,50}$/;

/** Modal form for a cadre (POST /api/people, PATCH /api/people/:id). */
export function PersonFormModal({ open, person, defaultOrgId, onClose, onSaved }: PersonFormModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        orgId: person.orgId,
        name: person.name,
        position: person.position,
        rank: person.rank,
        isPrincipal: person.isPrincipal,
        isActive: person.isActive,
      });
    } else {
      form.setFieldsValue({ orgId: defaultOrgId, isPrincipal: false, isActive: true });
    }
  }, [open, person, defaultOrgId, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const contact = v.contact?.trim();
    let saved: TPerson;
    if (person) {
      saved = await api.patch<TPerson>(`/api/people/${person.id}`, {
        orgId: v.orgId,
        name: v.name.trim(),
        position: v.position?.trim() ?? '',
        rank: v.rank?.trim() ?? '',
        isPrincipal: v.isPrincipal,
        isActive: v.isActive,
        ...(contact ? { contact } : {}),
        version: person.version,
      });
    } else {
      saved = await api.post<TPerson>('/api/people', {
        orgId: v.orgId,
        name: v.name.trim(),
        ...(v.position?.trim() ? { position: v.position.trim() } : {}),
        ...(v.rank?.trim() ? { rank: v.rank.trim() } : {}),
        isPrincipal: v.isPrincipal,
        ...(contact ? { contact } : {}),
      });
    }
    void message.success(person ? t('common.saved') : t('common.created'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={person ? t('person.editTitle') : t('person.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<PersonFormValues> name="person" form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('person.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('person.name') }) }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('person.orgField')}
          rules={[{ required: true, message: t('common.requiredSelect', { label: t('person.orgField') }) }]}
        >
          <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="position" label={t('person.position')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="rank" label={t('person.rank')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="isPrincipal" label={t('person.isPrincipal')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('person.contactField')}
          extra={person?.contactMasked ? `${person.contactMasked}` : undefined}
          rules={[{ pattern: PHONE, message: t('person.contactInvalid') }]}
        >
          <Input maxLength={50} inputMode="tel" />
        </Form.Item>
        {person && (
          <Form.Item name="isActive" label={t('person.activeField')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
