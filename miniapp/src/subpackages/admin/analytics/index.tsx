import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen, type AnalyticsOverview, type SourcesTable } from '@weshop/shared';
import { getOverview, getTable } from '../../../api/analytics';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AdminGate } from '../components/admin-gate';
// The top list next: its tab strip's styles (admin-tabs) load before the charts', in the same order as
// on 社群管理 (whose 数据 tab shares these components).
import { TopList } from './components/top-list';
import { basisText, overviewKpis, presetPeriod, shopToday, type Period, type PeriodPreset } from './dashboard';
import { sourceRows } from './top-lists';
import { AnalyticsCard } from './components/analytics-card';
import { BarList } from './components/bar-list';
import { CsvButton } from './components/csv-button';
import { Funnel } from './components/funnel';
import { KpiGrid } from './components/kpi-card';
import { PeriodPicker } from './components/period-picker';
import { TrendChart } from './components/trend-chart';
import './index.scss';

const GMV_COLOR = '#e93b3d';
const UV_COLOR = '#3c7cf6';

/**
 * 数据看板 (admins): the period's cards against the previous period, the daily GMV and UV trend,
 * traffic sources with their conversion, the shopping funnel, and the top lists with CSV export.
 * Every figure is the server's (paid orders net of refunds, by the day paid, Asia/Shanghai).
 */
export default function AnalyticsPage() {
  const today = useMemo(() => shopToday(new Date()), []);
  const [preset, setPreset] = useState<PeriodPreset>('7d');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('7d', today));
  const [overview, setOverview] = useState<AnalyticsOverview | null>(null);
  const [sources, setSources] = useState<SourcesTable | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [loading, setLoading] = useState(true);

  // The figures of the previous choice stay up (and the top list on its tab) until the new ones come.
  useEffect(() => {
    let live = true;
    setError(null);
    setLoading(true);
    Promise.all([getOverview(period), getTable('sources', period)])
      .then(([o, s]) => {
        if (!live) return;
        setOverview(o);
        setSources(s);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [period]);

  const choose = (nextPreset: PeriodPreset, next: Period) => {
    setPreset(nextPreset);
    if (next.from !== period.from || next.to !== period.to) setPeriod(next);
  };

  return (
    <AdminGate>
      <View className="analytics">
        <PeriodPicker preset={preset} period={period} today={today} onChange={choose} />
        {error ? <Empty text={error} /> : null}
        {!error && loading ? <View className="analytics__loading">加载中…</View> : null}
        {overview && !error ? (
          <View className="analytics__figures" data-from={overview.period.from} data-to={overview.period.to}>
            <Text className="analytics__period">
              {overview.period.from} 至 {overview.period.to}（{overview.period.days} 天）· 对比{' '}
              {overview.period.previousFrom} 至 {overview.period.previousTo}
            </Text>
            <KpiGrid kpis={overviewKpis(overview.current, overview.previous)} />
            <AnalyticsCard
              title="趋势"
              className="analytics-trend"
              action={
                <Text className="analytics-card__note">
                  退款 {formatFen(overview.current.refunds)} · 下单 {overview.current.ordersCreated} 笔
                </Text>
              }
            >
              <TrendChart
                dates={overview.trend.map((p) => p.date)}
                series={[
                  {
                    key: 'gmv',
                    label: '成交额',
                    color: GMV_COLOR,
                    values: overview.trend.map((p) => p.gmv),
                    format: formatFen,
                  },
                  {
                    key: 'uv',
                    label: '访客',
                    color: UV_COLOR,
                    values: overview.trend.map((p) => p.uv),
                    format: String,
                  },
                ]}
              />
            </AnalyticsCard>
            <AnalyticsCard
              title="渠道来源"
              className="analytics-sources"
              action={<CsvButton table="sources" period={period} />}
            >
              <BarList kind="sources" rows={sources ? sourceRows(sources) : []} />
            </AnalyticsCard>
            <AnalyticsCard title="转化漏斗" className="analytics-funnel">
              <Funnel funnel={overview.funnel} />
            </AnalyticsCard>
            <TopList period={period} />
            <Text className="analytics__basis">{basisText(overview.period.basis)}</Text>
          </View>
        ) : null}
      </View>
    </AdminGate>
  );
}
