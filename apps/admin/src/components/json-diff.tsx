import { Col, Row, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level keys whose values differ between the two snapshots. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key])).sort();
}

function JsonBlock({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const { t } = useI18n();
  const empty = value === null || value === undefined;
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          margin: '8px 0 0',
          padding: 12,
          background: '#f6f8fa',
          border: '1px solid #eaeef2',
          borderRadius: 6,
          fontSize: 12,
          lineHeight: 1.5,
          maxHeight: 360,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {empty ? t('audit.empty') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Before and after snapshots side by side, headed by the fields that changed. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const changed = changedKeys(before, after);
  return (
    <div style={{ padding: '4px 8px' }}>
      <Space size={[4, 4]} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('audit.changedFields')}:</Typography.Text>
        {changed.length === 0 ? (
          <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
        ) : (
          changed.map((key) => (
            <Tag key={key} color="orange">
              {key}
            </Tag>
          ))
        )}
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.before')} value={before} testId="audit-before" />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.after')} value={after} testId="audit-after" />
        </Col>
      </Row>
    </div>
  );
}
