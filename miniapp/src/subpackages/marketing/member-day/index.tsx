import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { MemberDayView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getMemberDay } from '../../../api/marketing';
import { secondsLeft } from '../../../utils/countdown';
import { formatGroupCountdown } from '../../../utils/groupbuy';
import { dayText, memberDayHeadline, multiplierText } from '../../../utils/marketing';
import { toCoupons, toMarketing } from '../../../utils/marketing-route';
import { toFlashSale } from '../../../utils/marketing-console-route';
import '../components/marketing.scss';

/** Seconds until `startsAt`, ticking once a second while the page is open. */
function Countdown({ startsAt, onDone }: { startsAt: string; onDone: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsLeft(startsAt, now);
  // Once at zero: the page asks the server again (the day has begun).
  const fired = useRef(false);
  useEffect(() => {
    if (left > 0 || fired.current) return;
    fired.current = true;
    onDone();
  }, [left, onDone]);
  return <Text className="mk-head__big member-day__countdown">{formatGroupCountdown(left)}</Text>;
}

/** 会员日: today's member day (and whether my level takes part) or a countdown to the next, with its benefits. */
export default function MemberDayPage() {
  const [view, setView] = useState<MemberDayView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const load = () =>
    getMemberDay()
      .then((v) => {
        setView(v);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useDidShow(() => void load());
  useEffect(() => {
    if (generation > 0) void load();
  }, [generation]);

  if (error && !view) return <View className="mk mk-error">{error}</View>;
  if (!view) return <View className="mk" />;
  const { benefits } = view;

  return (
    <View className="mk member-day" data-today={view.today ? '1' : '0'}>
      <View className="mk-head">
        <Text className="mk-head__label member-day__headline">{memberDayHeadline(view)}</Text>
        {view.today ? (
          <Text className="mk-head__big">会员日进行中</Text>
        ) : view.next ? (
          <>
            <Countdown startsAt={view.next.startsAt} onDone={() => setGeneration((g) => g + 1)} />
            <Text className="mk-head__line">下一个会员日：{dayText(view.next.date)}</Text>
          </>
        ) : (
          <Text className="mk-head__big">暂无会员日安排</Text>
        )}
      </View>

      <View className="mk-card member-day__benefits">
        <Text className="mk-card__title">会员日权益</Text>
        {benefits.pointsMultiplierBp > 10_000 ? (
          <View className="mk-row">
            <Text>购物积分</Text>
            <Text>{multiplierText(benefits.pointsMultiplierBp)}</Text>
          </View>
        ) : null}
        {benefits.prices.length > 0 ? (
          <View className="mk-row">
            <Text>会员日专享价</Text>
            <Text>{benefits.prices.length} 款商品</Text>
          </View>
        ) : null}
        <View className="mk-row" onClick={() => toCoupons('center')}>
          <Text>会员日专享券</Text>
          <Text>去领券 ›</Text>
        </View>
        <View className="mk-row member-day__flash-sale" onClick={toFlashSale}>
          <Text>限时秒杀</Text>
          <Text>去抢购 ›</Text>
        </View>
        <View className="mk-row">
          <Text>参与等级</Text>
          <Text>{benefits.levels.length > 0 ? benefits.levels.join('、') : '全部会员'}</Text>
        </View>
      </View>

      {!view.eligible ? (
        <View className="mk-card">
          <View className="mk-row" onClick={() => toMarketing('member')}>
            <Text>升级会员等级即可参与会员日</Text>
            <Text>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
