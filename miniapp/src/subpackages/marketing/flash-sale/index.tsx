import { useCallback, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatFen } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getActivePromotions } from '../../../api/promotions';
import { Empty } from '../../../components/empty';
import { useSecondsLeft } from '../../../hooks/use-seconds-left';
import {
  flashSalePhase,
  flashSaleSessions,
  stockBarText,
  type FlashSaleItem,
  type FlashSaleSession,
} from '../../../utils/flash-sale';
import { formatGroupCountdown } from '../../../utils/groupbuy';
import { toConfirmOrder, toProduct } from '../../../utils/route';
import '../components/marketing.scss';
import './index.scss';

/** 距结束 (or 距开始 while the device's clock is still before the start), ticking; the page reloads at zero. */
function SessionCountdown({ session, onEnd }: { session: FlashSaleSession; onEnd: () => void }) {
  const upcoming = flashSalePhase(session, Date.now()) === 'UPCOMING';
  const left = useSecondsLeft(upcoming ? session.startsAt : session.endsAt, Date.now, onEnd);
  return (
    <View className="flash-session__countdown" data-phase={upcoming ? 'UPCOMING' : 'RUNNING'}>
      <Text className="flash-session__countdown-label">{upcoming ? '距开始' : '距结束'}</Text>
      <Text className="flash-session__clock">{formatGroupCountdown(left)}</Text>
    </View>
  );
}

function FlashItem({ item }: { item: FlashSaleItem }) {
  return (
    <View
      className={`flash-item ${item.soldOut ? 'flash-item--sold-out' : ''}`}
      data-sku={item.skuId}
      data-sold-out={item.soldOut ? '1' : '0'}
      onClick={() => toProduct(item.productId)}
    >
      {item.cover ? (
        <Image className="flash-item__cover" src={item.cover} mode="aspectFill" lazyLoad />
      ) : (
        <View className="flash-item__cover flash-item__cover--blank" />
      )}
      <View className="flash-item__body">
        <Text className="flash-item__title">{item.title}</Text>
        {item.specs ? <Text className="flash-item__specs">{item.specs}</Text> : null}
        <View className="flash-item__prices">
          <Text className="flash-item__price">{formatFen(item.price)}</Text>
          {item.skuPrice > item.price ? <Text className="flash-item__was">{formatFen(item.skuPrice)}</Text> : null}
          {item.perUserLimit > 0 ? <Text className="flash-item__limit">限购 {item.perUserLimit} 件</Text> : null}
        </View>
        <View className="flash-item__foot">
          <View className="flash-bar">
            <View className="flash-bar__fill" style={{ width: `${item.soldPercent}%` }} />
            <Text className="flash-bar__text">{stockBarText(item)}</Text>
          </View>
          <Button
            className="flash-item__buy"
            disabled={item.soldOut || undefined}
            onClick={(e) => {
              e.stopPropagation();
              if (!item.soldOut) toConfirmOrder([{ skuId: item.skuId, quantity: 1 }], false);
            }}
          >
            {item.soldOut ? '已抢光' : '马上抢'}
          </Button>
        </View>
      </View>
    </View>
  );
}

/** 限时秒杀: each running flash sale with its countdown, its SKUs' prices and stock bars, 马上抢. */
export default function FlashSalePage() {
  const [sessions, setSessions] = useState<FlashSaleSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      getActivePromotions()
        .then((active) => {
          setSessions(flashSaleSessions(active));
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)))
        .finally(() => Taro.stopPullDownRefresh()),
    [],
  );
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  if (error && !sessions) return <Empty text={error} />;
  if (!sessions) return <View className="mk" />;

  return (
    <View className="mk flash-sale">
      <View className="mk-head flash-sale__head">
        <Text className="mk-head__big">限时秒杀</Text>
        <Text className="mk-head__line">低价限量，抢完即止</Text>
      </View>
      {sessions.length === 0 ? <Empty text="暂无进行中的秒杀" /> : null}
      {sessions.map((session) => (
        <View key={session.promotionId} className="mk-card flash-session" data-id={session.promotionId}>
          <View className="flash-session__head">
            <Text className="flash-session__title">
              {session.title}
              {session.memberDayOnly ? <Text className="flash-session__tag">会员日专享</Text> : null}
            </Text>
            <SessionCountdown session={session} onEnd={() => void load()} />
          </View>
          {session.items.map((item) => (
            <FlashItem key={item.skuId} item={item} />
          ))}
        </View>
      ))}
    </View>
  );
}
