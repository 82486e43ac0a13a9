import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

/** 404 inside the shell, with a way home (its own chunk: antd's Result pictures are large). */
export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}
