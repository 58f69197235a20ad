import { Card, Descriptions, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { TestAnswer } from './types';

/** Asks the assistant a question as a visitor would, and shows the answer with what it cites and what was retrieved. */
export function TestQuestionCard() {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<TestAnswer | null>(null);
  const [loading, setLoading] = useState(false);

  async function ask(question: string) {
    if (!question.trim()) return;
    setLoading(true);
    try {
      setAnswer(await api.post<TestAnswer>('/admin/assistant/test', { question: question.trim() }));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title={t('assistant.test.title')} style={{ marginBottom: 16 }}>
      <Input.Search enterButton={t('assistant.test.ask')} placeholder={t('assistant.test.placeholder')} maxLength={500} loading={loading} onSearch={(value) => void ask(value)} data-testid="assistant-test-question" />
      {answer ? (
        <div style={{ marginTop: 16 }} data-testid="assistant-test-answer">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('assistant.test.answer')}>
              <Flex vertical gap={8}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{answer.answer}</Typography.Paragraph>
                <Flex gap={8}>
                  <Tag color={answer.grounded ? 'green' : 'orange'}>{t(answer.grounded ? 'assistant.test.grounded' : 'assistant.test.ungrounded')}</Tag>
                  <Tag>{`${t('assistant.test.model')}: ${answer.model}`}</Tag>
                </Flex>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('assistant.test.citations')}>
              {answer.citations.length === 0
                ? t('common.none')
                : answer.citations.map((citation) => (
                    <Tag key={citation.index} data-testid="assistant-citation">{`[${citation.index}] ${t(`assistant.citation.${citation.kind}`)} · ${citation.title}`}</Tag>
                  ))}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('assistant.test.evidence')}
          </Typography.Title>
          {answer.evidence.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              dataSource={answer.evidence}
              renderItem={(item, index) => (
                <List.Item>
                  <List.Item.Meta
                    title={`[${index + 1}] ${item.title}${item.priceFen !== null ? ` · ${formatFen(item.priceFen)}` : ''}`}
                    description={
                      <>
                        <Typography.Text type="secondary">{item.body}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${t('assistant.test.score')}: ${item.score.toFixed(2)}`}</Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </div>
      ) : null}
    </Card>
  );
}
