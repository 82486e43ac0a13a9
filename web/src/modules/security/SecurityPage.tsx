import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Spin, Tag } from 'antd';
import { api } from '../../api/client';
import type { SecuritySettings } from '../../api/types';
import { useT } from '../../i18n';
import { useApiError } from '../../app/useApiError';

/** 安全设置: the effective security policy, read-only. */
export default function SecurityPage() {
  const t = useT();
  const showError = useApiError();
  const [settings, setSettings] = useState<SecuritySettings | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api
      .get<SecuritySettings>('/api/security/settings')
      .then(setSettings)
      .catch(showError)
      .finally(() => setLoading(false));
  }, [showError]);

  return (
    <Card title={t('security.title')}>
      <Alert type="info" showIcon title={t('security.hint')} style={{ marginBottom: 16 }} />
      <Spin spinning={loading}>
        {settings ? (
          <Descriptions
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'profile', label: t('security.profile'), children: <Tag color={settings.profile === 'mlps3' ? 'red' : 'default'}>{t(`security.profile.${settings.profile}`)}</Tag> },
              { key: 'crypto', label: t('security.crypto'), children: t(`security.crypto.${settings.crypto}`) },
              { key: 'hash', label: t('security.hashAlgorithm'), children: settings.hashAlgorithm },
              { key: 'minLength', label: t('security.passwordMinLength'), children: settings.passwordMinLength },
              { key: 'classes', label: t('security.passwordRequiresClasses'), children: settings.passwordRequiresClasses },
              {
                key: 'maxAge',
                label: t('security.passwordMaxAgeDays'),
                children: settings.passwordMaxAgeDays === null ? t('security.noExpiry') : t('security.days', { n: settings.passwordMaxAgeDays }),
              },
              { key: 'breached', label: t('security.breachedListSize'), children: settings.breachedListSize },
              { key: 'lockout', label: t('security.lockoutThreshold'), children: t('security.times', { n: settings.lockoutThreshold }) },
              { key: 'lockoutMinutes', label: t('security.lockoutMinutes'), children: t('security.minutes', { n: settings.lockoutMinutes }) },
              { key: 'idle', label: t('security.sessionIdleMinutes'), children: t('security.minutes', { n: settings.sessionIdleMinutes }) },
              { key: 'absolute', label: t('security.sessionAbsoluteHours'), children: t('security.hours', { n: settings.sessionAbsoluteHours }) },
            ]}
          />
        ) : (
          !loading && <Empty />
        )}
      </Spin>
    </Card>
  );
}
