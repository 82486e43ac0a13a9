import { useRef, useState } from 'react';
import { Button, Card, Form, Input, Typography, App, Space } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { LoginResponse } from '../api/types';
import { useT } from '../i18n';
import { useAuth } from './auth';
import { homePath } from './menu';
import { useApiError } from './useApiError';
import { LocaleSwitch } from './AppLayout';

interface LoginForm {
  username: string;
  password: string;
}

/** The login page: 用户名 / 密码 / 登录. */
export function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<LoginForm>();
  const { me, loading, setSession } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [submitting, setSubmitting] = useState(false);
  const loggedIn = useRef(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (!loading && me && !loggedIn.current) return <Navigate to={homePath(me)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    try {
      const res = await api.post<LoginResponse>('/api/auth/login', { username: values.username.trim(), password: values.password });
      loggedIn.current = true;
      setSession(res.user, res.csrfToken);
      void message.success(t('login.success'));
      if (res.user.passwordExpired) void navigate('/account', { replace: true });
      else if (from && from !== '/login' && from !== '/') void navigate(from, { replace: true });
      else void navigate(homePath(res.user), { replace: true });
    } catch (error) {
      form.setFieldValue('password', '');
      showError(error, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #8e0e00 0%, #b71c1c 40%, #f5f5f5 40%)',
      }}
    >
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="large">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.fullName')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('login.title')}</Typography.Text>
            </div>
            <LocaleSwitch />
          </div>
          <Form<LoginForm>
            name="login"
            form={form}
            layout="vertical"
            onFinish={(v) => void onFinish(v)}
            requiredMark={false}
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('common.required', { label: t('login.username') }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.footer')}
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
