import { Alert } from 'antd';
import { ApiError } from '../api';

interface Issue {
  path?: string;
  message?: string;
}

function issuesOf(details: unknown): Issue[] {
  if (typeof details !== 'object' || details === null) return [];
  const issues = (details as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues.filter((issue) => typeof issue === 'object' && issue !== null) as Issue[]) : [];
}

/** The server's message with its validation issues (`details.issues[].path/message`) listed. */
export function ApiErrorAlert({ error, testId, showDetails = true }: { error: ApiError | null; testId?: string; showDetails?: boolean }) {
  if (!error) return null;
  const issues = issuesOf(error.details);
  // Some details are only ids for machines (`skuId: sku_…`); screens whose message says it all hide them.
  const extra =
    showDetails && !issues.length && error.details && typeof error.details === 'object'
      ? Object.entries(error.details as Record<string, unknown>)
          .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
          .map(([key, value]) => `${key}: ${String(value)}`)
      : [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid={testId}
      title={error.message}
      description={
        issues.length || extra.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((issue, index) => (
              <li key={index}>
                {issue.path ? <code>{issue.path}</code> : null} {issue.message}
              </li>
            ))}
            {extra.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
