import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { AFTERSALE_STATUSES, formatFen, type AftersaleStatus, type AftersaleView } from '@weshop/shared';
import { listAftersales } from '../../../api/aftersales';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { AFTERSALE_STATUS_TEXT, formatTime } from '../../../utils/order-status';
import { toAftersaleDetail } from '../../../utils/route';
import { AFTERSALE_TYPE_TEXT } from '../request/components/aftersale-form';
import './index.scss';

function isStatus(value: string | undefined): value is AftersaleStatus {
  return (AFTERSALE_STATUSES as readonly string[]).includes(value ?? '');
}

/** One after-sale in the list; tapping it opens 售后详情. */
function AftersaleCard({ item }: { item: AftersaleView }) {
  return (
    <View className="aftersale-card" data-id={item.id} onClick={() => toAftersaleDetail(item.id)}>
      <View className="aftersale-card__head">
        <Text className="aftersale-card__no">售后单 {item.aftersaleNo}</Text>
        <Text className="aftersale-card__status">{AFTERSALE_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="aftersale-card__title">{item.line.title}</Text>
      <Text className="aftersale-card__meta">
        {AFTERSALE_TYPE_TEXT[item.type]} · {item.reason}
      </Text>
      <View className="aftersale-card__foot">
        <Text className="aftersale-card__at">{formatTime(item.createdAt)}</Text>
        <Text className="aftersale-card__amount">退款 {formatFen(item.amount)}</Text>
      </View>
    </View>
  );
}

/** 我的售后: every after-sale of the buyer, newest first. */
export default function AftersaleListPage() {
  const query = useRouter().params.status;
  const status = isStatus(query) ? query : undefined;
  const [generation, setGeneration] = useState(0);
  const list = usePaged((page) => listAftersales({ status, page }), `${status ?? ''}|${generation}`);
  useReachBottom(list.loadMore);
  // Back from a detail page (cancelled, return sent): show the new state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setGeneration((g) => g + 1);
    shown.current = true;
  });

  return (
    <View className="aftersale-list">
      {list.status === 'done' && list.items.length === 0 ? (
        <Empty text="暂无售后" />
      ) : (
        list.items.map((item) => <AftersaleCard key={item.id} item={item} />)
      )}
      {list.items.length > 0 ? <LoadMore status={list.status} error={list.error} onLoadMore={list.loadMore} /> : null}
    </View>
  );
}
