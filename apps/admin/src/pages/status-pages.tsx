import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';

export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbidden')}
      extra={<Button type="primary" data-testid="back-home" onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={<Button type="primary" data-testid="back-home" onClick={() => navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}

export function NoAccessPage() {
  const { t } = useI18n();
  return (
    <div data-testid="no-access">
      <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.noMenu')} />
    </div>
  );
}
