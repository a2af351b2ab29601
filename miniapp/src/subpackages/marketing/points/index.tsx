import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import type { PointsSummary, PointsTaskView } from '@weshop/shared';
import { getPointsSummary, listPointsEntries } from '../../../api/marketing';
import { listPointsTasks } from '../../../api/points-mall';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { formatTime } from '../../../utils/order-status';
import { POINTS_ENTRY_TEXT, formatDate, pointsDeltaText } from '../../../utils/marketing';
import { toMarketing } from '../../../utils/marketing-route';
import '../components/marketing.scss';

/** 我的积分: available, frozen (until the after-sales window closes), what expires soon, 积分商城, 积分任务 and 积分明细. */
export default function PointsPage() {
  const [summary, setSummary] = useState<PointsSummary | null>(null);
  const [tasks, setTasks] = useState<PointsTaskView[]>([]);
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged((page) => listPointsEntries(page), String(generation));
  useReachBottom(loadMore);
  const shown = useRef(false);
  useDidShow(() => {
    getPointsSummary().then(setSummary, () => undefined);
    listPointsTasks().then(
      (t) => setTasks(t.items.filter((task) => task.points > 0 || task.done)),
      () => undefined,
    );
    if (shown.current) setGeneration((g) => g + 1);
    shown.current = true;
  });

  return (
    <View className="mk points">
      <View className="mk-head">
        <Text className="mk-head__label">可用积分</Text>
        <Text className="mk-head__big points__available">{summary?.available ?? '--'}</Text>
        <Text className="mk-head__line points__frozen">冻结中 {summary?.frozen ?? '--'}（售后期结束后可用）</Text>
        {summary && summary.expiringSoon.amount > 0 && summary.expiringSoon.at ? (
          <Text className="mk-head__line points__expiring">
            {summary.expiringSoon.amount} 积分将于 {formatDate(summary.expiringSoon.at)} 过期
          </Text>
        ) : null}
      </View>

      <View className="mk-card">
        <View className="mk-row" onClick={() => toMarketing('sign-in')}>
          <Text>每日签到领积分</Text>
          <Text>›</Text>
        </View>
        <View className="mk-row points__mall" onClick={() => toMarketing('points-mall')}>
          <Text>积分商城 · 积分兑好礼</Text>
          <Text>›</Text>
        </View>
        <Text className="mk-row__sub">下单时可用积分抵扣现金；积分有有效期，将过期的积分会在上方提醒。</Text>
      </View>

      {tasks.length > 0 ? (
        <View className="mk-card points__tasks">
          <Text className="mk-card__title">积分任务</Text>
          {tasks.map((task) => (
            <View key={task.task} className="mk-row points__task" data-task={task.task} data-done={task.done}>
              <View>
                <Text>{task.title}</Text>
                <Text className="mk-row__sub">
                  {task.done && task.at ? `已于 ${formatDate(task.at)} 完成` : '一次性奖励'}
                </Text>
              </View>
              <Text className={task.done ? 'mk-minus' : 'mk-plus'}>{task.done ? '已完成' : `+${task.points}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="mk-card points__entries">
        <Text className="mk-card__title">积分明细</Text>
        {status === 'done' && items.length === 0 ? <Empty text="还没有积分记录" /> : null}
        {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
        {items.map((entry) => (
          <View key={entry.id} className="mk-row points__entry" data-type={entry.type}>
            <View>
              <Text>{entry.note || POINTS_ENTRY_TEXT[entry.type]}</Text>
              <Text className="mk-row__sub">{formatTime(entry.createdAt)}</Text>
            </View>
            <Text className={entry.availableDelta + entry.frozenDelta >= 0 ? 'mk-plus' : 'mk-minus'}>
              {pointsDeltaText(entry)}
            </Text>
          </View>
        ))}
        {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
      </View>
    </View>
  );
}
