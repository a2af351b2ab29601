import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatFen, type OrderView } from '@weshop/shared';
import { listMyGroups } from '../../../api/groupbuy';
import { getOrder } from '../../../api/orders';
import { toGroup } from '../../../utils/groupbuy-route';
import { ORDER_STATUS_TEXT } from '../../../utils/order-status';
import { toOrderDetail } from '../../../utils/route';
import './index.scss';

/** How often and how long to ask the server whether the payment arrived. */
const POLL_MS = 1000;
const POLL_TRIES = 30;

type Outcome = 'waiting' | 'paid' | 'closed' | 'unknown';

/** How long to look for a paid group-buy order's group (the group exists from the leader's payment). */
const GROUP_TRIES = 5;

/**
 * The group a paid group-buy order belongs to: 我的拼团 lists it with `myOrderId` (the order view has no
 * group id). Null when it does not show up within a few tries.
 */
async function findGroupOf(orderId: string, stopped: () => boolean): Promise<string | null> {
  for (let i = 0; i < GROUP_TRIES && !stopped(); i += 1) {
    try {
      const mine = await listMyGroups({ page: 1, pageSize: 50 });
      const group = mine.items.find((g) => g.myOrderId === orderId);
      if (group) return group.id;
    } catch {
      // One more try.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

/**
 * 支付结果: the client's "paid" is not proof, so this page asks the server until the order leaves
 * PENDING_PAYMENT (the verified WeChat Pay notification moves it). A paid group-buy order (拼团中, or
 * 待发货 when it completed the group) goes on to its group's page.
 */
export default function PayResultPage() {
  const { id = '' } = useRouter().params;
  const [order, setOrder] = useState<OrderView | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('waiting');
  const [round, setRound] = useState(0);
  const [groupId, setGroupId] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let tries = 0;
    setOutcome('waiting');
    const poll = async () => {
      if (stopped) return;
      tries += 1;
      try {
        const o = await getOrder(id);
        if (stopped) return;
        setOrder(o);
        if (o.status === 'CANCELLED' || o.status === 'CLOSED') return setOutcome('closed');
        if (o.status !== 'PENDING_PAYMENT') {
          setOutcome('paid');
          if (o.kind === 'GROUP_BUY') {
            const found = await findGroupOf(o.id, () => stopped);
            if (found && !stopped) {
              setGroupId(found);
              toGroup(found, true);
            }
          }
          return;
        }
      } catch {
        // A failed poll is one more try.
      }
      if (tries >= POLL_TRIES) setOutcome('unknown');
      else setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [id, round]);

  const title: Record<Outcome, string> = {
    waiting: '支付确认中…',
    paid: '支付成功',
    closed: '订单已关闭',
    unknown: '暂未收到支付结果',
  };

  return (
    <View className={`pay-result pay-result--${outcome}`}>
      <View className="pay-result__icon">
        <Text>{outcome === 'paid' ? '✓' : outcome === 'waiting' ? '…' : '!'}</Text>
      </View>
      <Text className="pay-result__title">{title[outcome]}</Text>
      {order ? (
        <Text className="pay-result__detail">
          {formatFen(order.payable)} · {ORDER_STATUS_TEXT[order.status]}
        </Text>
      ) : null}
      {outcome === 'unknown' ? (
        <Button className="pay-result__button" onClick={() => setRound((r) => r + 1)}>
          刷新
        </Button>
      ) : null}
      {groupId ? (
        <Button className="pay-result__button pay-result__group" onClick={() => toGroup(groupId, true)}>
          查看拼团
        </Button>
      ) : null}
      <Button className="pay-result__button pay-result__view" onClick={() => toOrderDetail(id, true)}>
        查看订单
      </Button>
    </View>
  );
}
