import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n';
import { PHONE_PATTERN } from './user-form-fields';

interface LoginForm {
  phone: string;
  password: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);

  const handleFinish = async (values: LoginForm) => {
    setSubmitting(true);
    try {
      await login(values.phone.trim(), values.password);
      void message.success(t('login.success'));
      navigate('/', { replace: true });
    } catch {
      // The API client already showed the server's localized message.
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: 'linear-gradient(135deg, #e6f0ff 0%, #f5f7fa 60%, #ffffff 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 16 }}>
        <LanguageSwitch type="default" />
      </div>
      <Card style={{ width: 380, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }} data-testid="login-title">
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 28 }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(values) => void handleFinish(values)}>
          <Form.Item
            name="phone"
            label={t('login.phone')}
            rules={[
              { required: true, whitespace: true, message: t('login.phoneRequired') },
              { pattern: PHONE_PATTERN, message: t('login.phoneInvalid') },
            ]}
          >
            <Input
              size="large"
              prefix={<MobileOutlined />}
              placeholder={t('login.phonePlaceholder')}
              autoComplete="username"
              inputMode="numeric"
              maxLength={11}
              data-testid="login-phone"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              size="large"
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
