import { useEffect } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { ROLES, SCOPES, type Role, type Scope, type TUser } from '../../api/types';
import { useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrgTreeSelect } from './OrgTreeSelect';
import { PersonSelect } from './PersonSelect';

/** Which user dialog is open. */
export type UserDialog =
  { kind: 'create' } | { kind: 'edit'; user: TUser } | { kind: 'role'; user: TUser } | { kind: 'password'; user: TUser } | null;

interface UserFormValues {
  username?: string;
  displayName?: string;
  orgId?: number;
  personId?: number | null;
  role?: Role;
  scope?: Scope;
  password?: string;
}

const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/** Props of the user dialogs. */
export interface UserDialogsProps {
  dialog: UserDialog;
  onClose: () => void;
  onSaved: () => void;
}

/** The create / edit / set-role / reset-password modals of the user admin page. */
export function UserDialogs({ dialog, onClose, onSaved }: UserDialogsProps) {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const kind = dialog?.kind;
  const user = dialog && dialog.kind !== 'create' ? dialog.user : undefined;

  useEffect(() => {
    if (!dialog) return;
    form.resetFields();
    if (dialog.kind === 'create')
      form.setFieldsValue({ role: me?.role === 'secadmin' ? 'auditor' : 'handler', scope: 'own', orgId: me?.orgId });
    else if (dialog.kind === 'edit')
      form.setFieldsValue({ displayName: dialog.user.displayName, orgId: dialog.user.orgId, personId: dialog.user.personId });
    else if (dialog.kind === 'role') form.setFieldsValue({ role: dialog.user.role, scope: dialog.user.scope });
  }, [dialog, form, me]);

  // 三员分立: the security administrator creates the admin accounts, the system administrator the business ones;
  // on an existing account the security administrator may set any role. Nobody grants a wider scope than their own.
  const secadmin = me?.role === 'secadmin';
  const roleOptions = ROLES.map((r) => ({
    value: r,
    label: t(`role.${r}`),
    disabled: kind === 'create' ? ADMIN_ROLES.includes(r) !== secadmin : ADMIN_ROLES.includes(r) && !secadmin,
  }));
  const scopeWidth: Record<Scope, number> = { own: 0, subtree: 1, all: 2 };
  const scopeOptions = SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`), disabled: scopeWidth[s] > scopeWidth[me?.scope ?? 'own'] }));

  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!dialog) return;
    if (dialog.kind === 'create') {
      await api.post<TUser>('/api/users', {
        username: v.username?.trim(),
        displayName: v.displayName?.trim(),
        orgId: v.orgId,
        role: v.role,
        scope: v.scope,
        password: v.password,
        ...(v.personId ? { personId: v.personId } : {}),
      });
    } else if (dialog.kind === 'edit') {
      await api.patch<TUser>(`/api/users/${dialog.user.id}`, {
        displayName: v.displayName?.trim(),
        orgId: v.orgId,
        personId: v.personId ?? null,
        version: dialog.user.version,
      });
    } else if (dialog.kind === 'role') {
      await api.put<TUser>(`/api/users/${dialog.user.id}/role`, { role: v.role, scope: v.scope, version: dialog.user.version });
    } else {
      await api.post<TUser>(`/api/users/${dialog.user.id}/reset-password`, { password: v.password, version: dialog.user.version });
    }
    void message.success(dialog.kind === 'create' ? t('common.created') : t('common.saved'));
    onSaved();
  });

  const title =
    kind === 'create'
      ? t('user.addTitle')
      : kind === 'edit'
        ? t('user.editTitle', { name: user?.displayName ?? '' })
        : kind === 'role'
          ? t('user.setRoleTitle', { name: user?.displayName ?? '' })
          : t('user.resetPasswordTitle', { name: user?.displayName ?? '' });

  return (
    <Modal
      open={!!dialog}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<UserFormValues> name="user" form={form} layout="vertical" autoComplete="off">
        {kind === 'create' && (
          <Form.Item
            name="username"
            label={t('user.username')}
            extra={t('user.usernameRule')}
            rules={[
              { required: true, message: t('common.required', { label: t('user.username') }) },
              { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('user.usernameRule') },
            ]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        {(kind === 'create' || kind === 'edit') && (
          <>
            <Form.Item
              name="displayName"
              label={t('user.displayName')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('user.displayName') }) }, { max: 50 }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="orgId"
              label={t('user.org')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('user.org') }) }]}
            >
              <OrgTreeSelect placeholder={t('org.picker')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="personId" label={t('user.person')} extra={t('user.personHint')}>
              <PersonSelect initialLabel={user?.personName ?? null} />
            </Form.Item>
          </>
        )}
        {(kind === 'create' || kind === 'role') && (
          <>
            <Form.Item
              name="role"
              label={t('user.role')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('user.role') }) }]}
            >
              <Select options={roleOptions} />
            </Form.Item>
            <Form.Item
              name="scope"
              label={t('user.scope')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('user.scope') }) }]}
            >
              <Select options={scopeOptions} />
            </Form.Item>
          </>
        )}
        {(kind === 'create' || kind === 'password') && (
          <Form.Item
            name="password"
            label={kind === 'create' ? t('user.password') : t('user.newPassword')}
            rules={[
              { required: true, message: t('common.required', { label: kind === 'create' ? t('user.password') : t('user.newPassword') }) },
              { max: 128 },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
