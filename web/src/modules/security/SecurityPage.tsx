import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, InputNumber, Modal, Spin, Tag, message } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useFormSubmit } from '../../app/useFormSubmit';
import { api } from '../../api/client';
import type { SecuritySettings } from '../../api/types';
import { useT } from '../../i18n';
import { useApiError } from '../../app/useApiError';

type LimitsForm = Pick<SecuritySettings, 'lockoutThreshold' | 'lockoutMinutes' | 'sessionIdleMinutes' | 'sessionAbsoluteHours'>;

/** The secadmin's dialog for the lockout and session limits. */
function LimitsModal({
  settings,
  open,
  onClose,
  onSaved,
}: {
  settings: SecuritySettings;
  open: boolean;
  onClose: () => void;
  onSaved: (s: SecuritySettings) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<LimitsForm>();
  const { saving, submit } = useFormSubmit(form, async (values) => {
    const saved = await api.put<SecuritySettings>('/api/security/settings', { ...values, version: settings.version });
    void message.success(t('common.saved'));
    onSaved(saved);
  });
  useEffect(() => {
    if (open) form.setFieldsValue(settings);
  }, [open, settings, form]);
  const field = (name: keyof LimitsForm, min: number, max: number, unit: string) => (
    <Form.Item name={name} label={t(`security.${name}`)} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} precision={0} addonAfter={unit} style={{ width: 200 }} />
    </Form.Item>
  );
  return (
    <Modal
      title={t('security.editLimits')}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} name="securityLimits" layout="vertical">
        {field('lockoutThreshold', 3, 20, t('security.unitTimes'))}
        {field('lockoutMinutes', 1, 1440, t('security.unitMinutes'))}
        {field('sessionIdleMinutes', 1, 1440, t('security.unitMinutes'))}
        {field('sessionAbsoluteHours', 1, 168, t('security.unitHours'))}
      </Form>
    </Modal>
  );
}

/** 安全设置: the policy in force; the secadmin edits the lockout and session limits. */
export default function SecurityPage() {
  const t = useT();
  const showError = useApiError();
  const [settings, setSettings] = useState<SecuritySettings | null>(null);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState(false);

  const load = useCallback(() => {
    api
      .get<SecuritySettings>('/api/security/settings')
      .then(setSettings)
      .catch(showError)
      .finally(() => setLoading(false));
  }, [showError]);
  useEffect(load, [load]);

  return (
    <Card
      title={t('security.title')}
      extra={
        settings && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('security.editLimits')}
          </Button>
        )
      }
    >
      {settings && (
        <LimitsModal
          settings={settings}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setSettings(saved);
            setEditing(false);
          }}
        />
      )}
      <Alert type="info" showIcon title={t('security.hint')} style={{ marginBottom: 16 }} />
      <Spin spinning={loading}>
        {settings ? (
          <Descriptions
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'profile',
                label: t('security.profile'),
                children: <Tag color={settings.profile === 'mlps3' ? 'red' : 'default'}>{t(`security.profile.${settings.profile}`)}</Tag>,
              },
              { key: 'crypto', label: t('security.crypto'), children: t(`security.crypto.${settings.crypto}`) },
              { key: 'hash', label: t('security.hashAlgorithm'), children: settings.hashAlgorithm },
              { key: 'minLength', label: t('security.passwordMinLength'), children: settings.passwordMinLength },
              { key: 'classes', label: t('security.passwordRequiresClasses'), children: settings.passwordRequiresClasses },
              {
                key: 'maxAge',
                label: t('security.passwordMaxAgeDays'),
                children:
                  settings.passwordMaxAgeDays === null ? t('security.noExpiry') : t('security.days', { n: settings.passwordMaxAgeDays }),
              },
              { key: 'breached', label: t('security.breachedListSize'), children: settings.breachedListSize },
              { key: 'lockout', label: t('security.lockoutThreshold'), children: t('security.times', { n: settings.lockoutThreshold }) },
              {
                key: 'lockoutMinutes',
                label: t('security.lockoutMinutes'),
                children: t('security.minutes', { n: settings.lockoutMinutes }),
              },
              { key: 'idle', label: t('security.sessionIdleMinutes'), children: t('security.minutes', { n: settings.sessionIdleMinutes }) },
              {
                key: 'absolute',
                label: t('security.sessionAbsoluteHours'),
                children: t('security.hours', { n: settings.sessionAbsoluteHours }),
              },
            ]}
          />
        ) : (
          !loading && <Empty />
        )}
      </Spin>
    </Card>
  );
}
