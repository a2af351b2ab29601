import { useCallback, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatFen } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getActivePromotions } from '../../../api/promotions';
import { Empty } from '../../../components/empty';
import { useSecondsLeft } from '../../../hooks/use-seconds-left';
import { flashSalePhase, type FlashSaleItem, type FlashSaleSession } from '../../../utils/flash-sale';
import { formatGroupCountdown } from '../../../utils/groupbuy';
import { toConfirmOrder, toProduct } from '../../../utils/route';
import {
  flashItemAction,
  flashSaleTabs,
  startText,
  tabToShow,
  type FlashSaleTab,
  type FlashSaleTabs,
} from './flash-sale-tabs';
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

function FlashItem({ item, tab }: { item: FlashSaleItem; tab: FlashSaleTab }) {
  const action = flashItemAction(item, tab);
  return (
    <View
      className={`flash-item ${item.soldOut && tab === 'RUNNING' ? 'flash-item--sold-out' : ''}`}
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
            <View className="flash-bar__fill" style={{ width: `${tab === 'RUNNING' ? item.soldPercent : 0}%` }} />
            <Text className="flash-bar__text">{action.bar}</Text>
          </View>
          <Button
            className="flash-item__buy"
            disabled={action.disabled || undefined}
            onClick={(e) => {
              e.stopPropagation();
              if (!action.disabled) toConfirmOrder([{ skuId: item.skuId, quantity: 1 }], false);
            }}
          >
            {action.label}
          </Button>
        </View>
      </View>
    </View>
  );
}

const TABS: { key: FlashSaleTab; label: string }[] = [
  { key: 'RUNNING', label: '正在疯抢' },
  { key: 'UPCOMING', label: '即将开始' },
];

/**
 * 限时秒杀: 正在疯抢, each running flash sale with its countdown to the end, its SKUs' prices and stock
 * bars, 马上抢; 即将开始, the flash sales of the next 7 days with their start time and a countdown to
 * it, their SKUs not buyable yet. A countdown reaching zero reloads the page (a sale moves tabs).
 */
export default function FlashSalePage() {
  const [tabs, setTabs] = useState<FlashSaleTabs | null>(null);
  const [tab, setTab] = useState<FlashSaleTab | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      getActivePromotions()
        .then((active) => {
          const next = flashSaleTabs(active);
          setTabs(next);
          setTab((current) => tabToShow(next, current));
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)))
        .finally(() => Taro.stopPullDownRefresh()),
    [],
  );
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  if (error && !tabs) return <Empty text={error} />;
  if (!tabs || !tab) return <View className="mk" />;
  const sessions = tab === 'RUNNING' ? tabs.running : tabs.upcoming;

  return (
    <View className="mk flash-sale">
      <View className="mk-head flash-sale__head">
        <Text className="mk-head__big">限时秒杀</Text>
        <Text className="mk-head__line">低价限量，抢完即止</Text>
      </View>
      <View className="mk-tabs flash-tabs">
        {TABS.map((t) => {
          const count = (t.key === 'RUNNING' ? tabs.running : tabs.upcoming).length;
          return (
            <View
              key={t.key}
              className={`mk-tab ${tab === t.key ? 'mk-tab--active' : ''}`}
              data-tab={t.key}
              onClick={() => setTab(t.key)}
            >
              <Text>{count > 0 ? `${t.label} (${count})` : t.label}</Text>
            </View>
          );
        })}
      </View>
      {sessions.length === 0 ? <Empty text={tab === 'RUNNING' ? '暂无进行中的秒杀' : '近 7 天暂无秒杀预告'} /> : null}
      {sessions.map((session) => (
        <View
          key={session.promotionId}
          className={`mk-card flash-session ${tab === 'UPCOMING' ? 'flash-session--upcoming' : ''}`}
          data-id={session.promotionId}
          data-tab={tab}
        >
          <View className="flash-session__head">
            <Text className="flash-session__title">
              {session.title}
              {session.memberDayOnly ? <Text className="flash-session__tag">会员日专享</Text> : null}
            </Text>
            <SessionCountdown session={session} onEnd={() => void load()} />
          </View>
          {tab === 'UPCOMING' ? (
            <Text className="flash-session__starts">{startText(session.startsAt, Date.now())}</Text>
          ) : null}
          {session.items.map((item) => (
            <FlashItem key={item.skuId} item={item} tab={tab} />
          ))}
        </View>
      ))}
    </View>
  );
}
