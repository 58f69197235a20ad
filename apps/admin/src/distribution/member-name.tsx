import { Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';

/**
 * Names by user id, shared across screens. The distribution and payout APIs name the people on their
 * rows (display name, masked phone), finance included; where a row has no name, it is looked up
 * through the users API when the viewer may read users, else the short id stays (full id in the tooltip).
 */
const names = new Map<string, Promise<string | null>>();

function lookup(userId: string): Promise<string | null> {
  let found = names.get(userId);
  if (!found) {
    found = api
      .get<{ displayName: string }>(`/admin/users/${userId}`, { silent: true })
      .then((user) => user.displayName)
      .catch(() => null);
    names.set(userId, found);
  }
  return found;
}

/** "usr_01jd…3i0o": enough to tell ids apart without a 30-character column. */
export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

export function MemberName({ id, name, phone, testId }: { id: string | null | undefined; name?: string | null; phone?: string | null; testId?: string }) {
  const { can } = useAuth();
  const [resolved, setResolved] = useState<string | null>(name ?? null);
  useEffect(() => setResolved(name ?? null), [name]);
  const mayLookUp = can('user.read');

  useEffect(() => {
    if (name || !id || !mayLookUp) return;
    let live = true;
    void lookup(id).then((value) => {
      if (live) setResolved(value);
    });
    return () => {
      live = false;
    };
  }, [id, name, mayLookUp]);

  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={id}>
      <Typography.Text data-testid={testId} data-member-id={id}>
        {resolved ?? shortId(id)}
        {phone ? (
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }} data-testid={testId ? `${testId}-phone` : undefined}>
            {phone}
          </Typography.Text>
        ) : null}
      </Typography.Text>
    </Tooltip>
  );
}

/** Whether a string is a user id the APIs accept. */
export const isUserId = (value: string): boolean => /^usr_[0-9a-z]{26}$/.test(value);

/** Basis points as a percentage with two decimals: 3500 → "35.00%". */
export function formatBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return '—';
  return `${(bps / 100).toFixed(2)}%`;
}
