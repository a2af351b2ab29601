import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AnalyticsTable } from '@weshop/shared';
import { getTable, type TableData } from '../../../../../api/analytics';
import { errorMessage } from '../../../../../api/client';
import { AdminTabs } from '../../../components/admin-tabs';
import type { Period } from '../../dashboard';
import { TOP_TABS, topRows, topSummary } from '../../top-lists';
import { AnalyticsCard } from '../analytics-card';
import { BarList } from '../bar-list';
import { CsvButton } from '../csv-button';
import './index.scss';

type TopTable = Exclude<AnalyticsTable, 'sources'>;

/** 排行: one tab per table (商品, 分销员, 社群, 微信群, 内容, 拼团, DSR), loaded when shown, each with 导出 CSV. */
export function TopList({ period }: { period: Period }) {
  const [tab, setTab] = useState<TopTable>('products');
  const [data, setData] = useState<{ key: string; value: TableData[TopTable] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${tab}:${period.from}:${period.to}`;

  useEffect(() => {
    let live = true;
    setError(null);
    getTable(tab, period, 10)
      .then((value) => live && setData({ key, value }))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
    // `key` stands for the tab and the period.
  }, [key]);

  const shown = data?.key === key ? data.value : null;
  return (
    <AnalyticsCard title="排行" className="top-list" tab={tab} action={<CsvButton table={tab} period={period} />}>
      <AdminTabs className="top-list__tabs" tabs={TOP_TABS} active={tab} onChange={setTab} />
      {error ? <Text className="top-list__error">{error}</Text> : null}
      {!error && !shown ? <Text className="top-list__loading">加载中…</Text> : null}
      {shown ? (
        <View className={`top-list__body top-list__body--${tab}`} data-loaded={key}>
          <Text className="top-list__summary">{topSummary(tab, shown)}</Text>
          <BarList kind={tab} rows={topRows(tab, shown)} scaleMax={tab === 'dsr' ? 5 : undefined} />
        </View>
      ) : null}
    </AnalyticsCard>
  );
}
