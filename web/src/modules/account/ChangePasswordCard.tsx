import { useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { homePath } from '../../app/menu';
import { useApiError } from '../../app/useApiError';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: POST /api/auth/password; afterwards an expired user goes on to the home page. */
export function ChangePasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: PasswordForm) => {
    setSaving(true);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('account.passwordChanged'));
      form.resetFields();
      const me = await refresh();
      if (!me) void navigate('/login', { replace: true });
      else void navigate(homePath(me), { replace: true });
    } catch (error) {
      showError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('account.changePassword')} size="small">
      <Form<PasswordForm>
        name="changePassword"
        form={form}
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        style={{ maxWidth: 420 }}
        autoComplete="off"
      >
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required', { label: t('account.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, message: t('common.required', { label: t('account.newPassword') }) }, { max: 128 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { label: t('account.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
