import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { RevealedSecret } from './types';

/** Shows a just-created secret once: it cannot be read back later, so the dialog says so plainly. */
export function SecretModal({ revealed, onClose }: { revealed: RevealedSecret | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      // Clipboard access may be refused (no HTTPS, no permission); the text stays selectable.
    }
  }
  return (
    <Modal open={revealed !== null} title={t('integration.secret.title')} closable={false} maskClosable={false} footer={<Button type="primary" onClick={onClose} data-testid="secret-done">{t('integration.secret.done')}</Button>} data-testid="secret-modal">
      <Alert type="warning" showIcon message={t('integration.secret.warning')} style={{ marginBottom: 16 }} />
      {revealed && (
        <Descriptions column={1} bordered size="small">
          {revealed.partnerId && (
            <Descriptions.Item label={t('integration.secret.partnerId')}>
              <Typography.Text code data-testid="secret-partner-id">{revealed.partnerId}</Typography.Text>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('integration.secret.value')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="secret-value">{revealed.secret}</Typography.Text>{' '}
            <Button size="small" type="link" onClick={() => void copy(revealed.secret)}>{t('integration.secret.copy')}</Button>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
