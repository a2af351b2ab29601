import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen, type GroupBuyCampaignView, type OpenGroupView } from '@weshop/shared';
import { listCampaigns } from '../../../../api/groupbuy';
import {
  campaignPrices,
  durationText,
  GROUP_BUY_PICK_TEXT,
  pickGroupBuyItem,
  seatsLeftText,
} from '../../../../utils/groupbuy';
import { toGroup, toGroupBuyConfirm } from '../../../../utils/groupbuy-route';
import type { SkuSelection } from '../sku-picker';
import { GroupAvatar } from './avatar';
import { GroupCountdown } from './group-countdown';
import './index.scss';

interface GroupBuyProps {
  productId: string;
  /** The SKU picker's choice: what 发起拼团 / 去参团 order (a campaign with one SKU needs none). */
  selection: SkuSelection;
}

/**
 * 拼团 on the product page, when the product has an active campaign: the group price (and 团长价),
 * 发起拼团, and the groups anyone may join now with 去参团. Renders nothing without a campaign.
 */
export function GroupBuy({ productId, selection }: GroupBuyProps) {
  const [campaign, setCampaign] = useState<GroupBuyCampaignView | null>(null);
  // Open groups whose countdown reached zero on this screen (the server settles them).
  const [ended, setEnded] = useState<string[]>([]);

  useEffect(() => {
    let stale = false;
    listCampaigns(productId)
      .then((list) => !stale && setCampaign(list[0] ?? null))
      // No group buy shown is the right fallback: the product still sells normally.
      .catch(() => !stale && setCampaign(null));
    return () => {
      stale = true;
    };
  }, [productId]);

  if (!campaign) return null;
  const prices = campaignPrices(campaign, selection.skuId);
  if (!prices) return null;
  const open = campaign.openGroups.filter((g) => !ended.includes(g.id));

  const go = (groupId?: string) => {
    const pick = pickGroupBuyItem(campaign, selection);
    if (!pick.ok) {
      void Taro.showToast({ title: GROUP_BUY_PICK_TEXT[pick.reason], icon: 'none' });
      return;
    }
    toGroupBuyConfirm([pick.item], { campaignId: campaign.id, ...(groupId ? { groupId } : {}) });
  };

  return (
    <View className="group-buy" data-campaign={campaign.id}>
      <View className="group-buy__head">
        <Text className="group-buy__tag">{campaign.groupSize}人团</Text>
        <Text className="group-buy__label">拼团价</Text>
        <Text className="group-buy__price">{formatFen(prices.groupPrice)}</Text>
        {prices.leaderPrice !== null ? (
          <Text className="group-buy__leader">团长价 {formatFen(prices.leaderPrice)}</Text>
        ) : null}
        <Text className="group-buy__single">单买 {formatFen(prices.price)}</Text>
      </View>
      <Text className="group-buy__rules">
        开团后 {durationText(campaign.durationMinutes)} 内邀请 {campaign.groupSize - 1}{' '}
        位好友参团，成团后发货，未成团自动退款
        {campaign.autoComplete ? '；到时未满员可能模拟成团' : ''}
        {campaign.newCustomersOnly ? '；仅限新客' : ''}
        {`；每人限购 ${campaign.perUserLimit} 件`}
      </Text>
      <Button className="group-buy__open" disabled={campaign.quotaLeft <= 0 || undefined} onClick={() => go()}>
        {campaign.quotaLeft > 0 ? '发起拼团' : '名额已抢光'}
      </Button>

      {open.length > 0 ? (
        <View className="group-buy__groups">
          <Text className="group-buy__groups-title">{open.length} 个团正在拼，可直接参与</Text>
          {open.map((g) => (
            <OpenGroup
              key={g.id}
              group={g}
              onJoin={() => go(g.id)}
              onOpen={() => toGroup(g.id)}
              onExpire={() => setEnded((e) => [...e, g.id])}
            />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function OpenGroup(props: { group: OpenGroupView; onJoin: () => void; onOpen: () => void; onExpire: () => void }) {
  const { group } = props;
  return (
    <View className="open-group" data-id={group.id}>
      <View className="open-group__who" onClick={props.onOpen}>
        <GroupAvatar nickname={group.leader.nickname} avatar={group.leader.avatar} />
        <Text className="open-group__name">{group.leader.nickname}</Text>
      </View>
      <View className="open-group__state" onClick={props.onOpen}>
        <Text className="open-group__seats">{seatsLeftText(group.seatsLeft)}</Text>
        <Text className="open-group__left">
          剩余 <GroupCountdown expiresAt={group.expiresAt} onExpire={props.onExpire} />
        </Text>
      </View>
      <Button className="open-group__join" onClick={props.onJoin}>
        去参团
      </Button>
    </View>
  );
}
