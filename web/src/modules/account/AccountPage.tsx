import { Alert, Card, Col, Descriptions, Row, Space } from 'antd';
import { useT } from '../../i18n';
import { useAuth } from '../../app/auth';
import { ChangePasswordCard } from './ChangePasswordCard';
import { ApiTokensCard } from './ApiTokensCard';

/** 个人中心: profile, change password and API tokens. */
export default function AccountPage() {
  const t = useT();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {me.passwordExpired && <Alert type="warning" showIcon title={t('account.passwordExpired')} />}
      <Card title={t('account.profile')} size="small">
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'username', label: t('user.username'), children: me.username },
            { key: 'displayName', label: t('user.displayName'), children: me.displayName },
            { key: 'org', label: t('user.org'), children: me.orgName },
            { key: 'role', label: t('user.role'), children: t(`role.${me.role}`) },
            { key: 'scope', label: t('user.scope'), children: t(`scope.${me.scope}`) },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24} lg={14}>
          {!me.passwordExpired && <ApiTokensCard />}
        </Col>
      </Row>
    </Space>
  );
}
