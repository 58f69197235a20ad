import { Card, DatePicker, Flex, Segmented, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { RANGE_PRESETS, type AnalyticsFilterState, type RangePreset } from './analytics-filter';
import type { ScopeChoice, ScopeKind } from './types';

/** The choices of one scope kind the caller may pick, searched by name on the server. */
function ScopePicker({ kind, value, onChange }: { kind: Exclude<ScopeKind, 'platform'>; value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<ScopeChoice[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    // A short pause so typing a name asks once, not per keystroke.
    const timer = setTimeout(() => {
      api
        .get<Paged<ScopeChoice>>('/admin/analytics/scopes', { query: { kind, q: query || undefined, page: 1, pageSize: 50 }, signal: controller.signal })
        .then((page) => {
          setChoices(page.items);
          setLoading(false);
        })
        .catch((error: unknown) => {
          if (!isAbortError(error)) setLoading(false);
        });
    }, query ? 250 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, query, locale]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      loading={loading}
      value={value}
      onChange={(id: string | undefined) => onChange(id)}
      placeholder={t(`analytics.scope.pick.${kind}`)}
      options={choices.map((choice) => ({ value: choice.id, label: choice.label }))}
      style={{ width: 220 }}
      data-testid="analytics-scope-id"
    />
  );
}

/** Scope (platform, merchant, team, guide, card) and date range above every analytics view. */
export function AnalyticsFilterBar({ state }: { state: AnalyticsFilterState }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { rules, kind } = state;
  const days = dayjs(state.range[1]).diff(dayjs(state.range[0]), 'day') + 1;
  const previousTo = dayjs(state.range[0]).subtract(1, 'day');
  const previousFrom = previousTo.subtract(days - 1, 'day');
  const ownLabel = kind === 'merchant' ? (user?.organization?.name ?? '') : (user?.displayName ?? '');

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="analytics-filter">
      <Flex gap={12} wrap align="center">
        <Typography.Text type="secondary">{t('analytics.scope')}</Typography.Text>
        <Select<ScopeKind>
          value={kind}
          onChange={state.setKind}
          style={{ width: 130 }}
          options={rules.kinds.map((value) => ({ value, label: t(`analytics.scope.${value}`) }))}
          data-testid="analytics-scope-kind"
        />
        {kind !== 'platform' && kind === rules.ownKind && (
          <Tag color="blue" data-testid="analytics-scope-own">
            {t(kind === 'merchant' ? 'analytics.scope.ownMerchant' : 'analytics.scope.self', { name: ownLabel })}
          </Tag>
        )}
        {kind !== 'platform' && kind !== rules.ownKind && <ScopePicker key={kind} kind={kind} value={state.scopeId} onChange={state.setScopeId} />}
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {t('analytics.range')}
        </Typography.Text>
        <Segmented<RangePreset>
          value={state.preset}
          onChange={state.setPreset}
          options={[...RANGE_PRESETS.map((value) => ({ value, label: t('analytics.range.lastDays', { days: value }) })), { value: 'custom' as const, label: t('analytics.range.custom') }]}
          data-testid="analytics-range-preset"
        />
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(state.range[0]), dayjs(state.range[1])]}
          disabledDate={(day) => day.isAfter(dayjs(), 'day')}
          onChange={(values) => {
            if (values?.[0] && values[1]) state.setRange([values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')]);
          }}
          style={{ width: 250 }}
          data-testid="analytics-range"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="analytics-previous">
          {t('analytics.range.previous', { from: previousFrom.format('YYYY-MM-DD'), to: previousTo.format('YYYY-MM-DD') })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
