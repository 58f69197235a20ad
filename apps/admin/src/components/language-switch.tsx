import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** One click toggles between Chinese and English; the label names the language it switches to. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      data-locale={locale}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
