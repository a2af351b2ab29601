import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { formatFen, type GroupBuyCampaignView, type GroupView, type ProductDetail } from '@weshop/shared';
import { getProduct } from '../../../api/catalog';
import { errorMessage } from '../../../api/client';
import { getCampaign, getGroup } from '../../../api/groupbuy';
import { Empty } from '../../../components/empty';
import { assetUrl } from '../../../config';
import { GroupCountdown } from '../../../pages/product/components/group-buy/group-countdown';
import { useShareRef } from '../../../pages/product/use-share-ref';
import {
  campaignPrices,
  canJoinGroup,
  GROUP_BUY_PICK_TEXT,
  groupHint,
  groupSharePath,
  groupStatusText,
  pickGroupBuyItem,
} from '../../../utils/groupbuy';
import { toGroupBuyConfirm } from '../../../utils/groupbuy-route';
import { toOrderDetail, toProduct } from '../../../utils/route';
import { askToSubscribe, preloadSubscribeTemplates } from '../../../utils/subscribe';
import { GroupSeats } from '../components/group-seats';
import { SkuChoice } from '../components/sku-choice';
import './index.scss';

/** While a group is forming, its page asks again this often (friends join from elsewhere). */
const REFRESH_MS = 5_000;

/**
 * 拼团详情: the product, the status with its countdown, members' avatars and the empty seats. A
 * member invites friends (the share card carries the group id and, for an approved distributor, the
 * referral code) and finds the own order here; a visitor joins with 我也要参团.
 */
export default function GroupPage() {
  const { id = '' } = useRouter().params;
  const [group, setGroup] = useState<GroupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [campaign, setCampaign] = useState<GroupBuyCampaignView | null>(null);
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [skuId, setSkuId] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const ref = useShareRef();

  const load = useCallback(() => {
    if (!id) return setError('拼团不存在');
    getGroup(id)
      .then((g) => {
        setGroup(g);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);

  // The campaign (SKUs, prices, 模拟成团) and the product (cover) once the group names them.
  const campaignId = group?.campaignId;
  const productId = group?.productId;
  useEffect(() => {
    if (!campaignId) return;
    getCampaign(campaignId)
      .then((c) => {
        setCampaign(c);
        if (c.skus.length === 1) setSkuId(c.skus[0].skuId);
      })
      .catch(() => undefined);
  }, [campaignId]);
  useEffect(() => {
    if (!productId) return;
    getProduct(productId)
      .then(setProduct)
      .catch(() => undefined);
  }, [productId]);

  const shown = useRef(false);
  useDidShow(() => {
    void preloadSubscribeTemplates();
    setVisible(true);
    if (shown.current) load();
    shown.current = true;
  });
  useDidHide(() => setVisible(false));
  useEffect(load, [load]);

  const forming = group?.status === 'FORMING';
  useEffect(() => {
    if (!forming || !visible) return;
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [forming, visible, load]);

  useShareAppMessage(() => ({
    title: group
      ? `就差你了！${group.seatsLeft > 0 ? `还差${group.seatsLeft}人，` : ''}一起拼「${group.title}」`
      : '一起拼团',
    path: groupSharePath(id, ref),
    imageUrl: product ? assetUrl(product.cover) : undefined,
  }));

  if (error && !group) return <Empty text={error} />;
  if (!group) return <View className="group-loading">加载中…</View>;

  const member = group.myOrderId !== null;
  const joinable = canJoinGroup(group, Date.now());
  const prices = campaign ? campaignPrices(campaign, skuId) : null;

  const join = () => {
    if (!campaign) return;
    const pick = pickGroupBuyItem(campaign, { skuId, quantity: 1 });
    if (!pick.ok) {
      void Taro.showToast({ title: GROUP_BUY_PICK_TEXT[pick.reason], icon: 'none' });
      return;
    }
    // 拼团成功/失败 messages: asked inside the tap (WeChat shows the dialog only there).
    void askToSubscribe('GROUP_JOIN').then(() =>
      toGroupBuyConfirm([pick.item], { campaignId: campaign.id, groupId: group.id }),
    );
  };

  /** h5 has no share card: the link to this group (with the code) goes to the clipboard. */
  const copyLink = () => {
    const link = `${window.location.origin}${window.location.pathname}#${groupSharePath(group.id, ref)}`;
    Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: '链接已复制，发给好友吧', icon: 'none' }))
      .catch(() => Taro.showToast({ title: link, icon: 'none' }));
  };

  return (
    <View className="group-page" data-status={group.status}>
      <View className="group-product" onClick={() => toProduct(group.productId)}>
        {product ? <Image className="group-product__cover" src={assetUrl(product.cover)} mode="aspectFill" /> : null}
        <View className="group-product__body">
          <Text className="group-product__title">{product?.title ?? group.title}</Text>
          <Text className="group-product__size">{group.size}人团</Text>
          {prices ? (
            <View className="group-product__prices">
              <Text className="group-product__price">拼团价 {formatFen(prices.groupPrice)}</Text>
              <Text className="group-product__single">单买 {formatFen(prices.price)}</Text>
            </View>
          ) : null}
        </View>
      </View>

      <View className="group-card">
        <View className="group-status" data-status={group.status}>
          <Text className="group-status__text">{groupStatusText(group)}</Text>
          <Text className="group-status__hint">{groupHint(group)}</Text>
          {forming ? (
            <Text className="group-status__left">
              剩余 <GroupCountdown className="group-status__countdown" expiresAt={group.expiresAt} onExpire={load} />{' '}
              结束
            </Text>
          ) : null}
        </View>

        <GroupSeats group={group} />

        {group.simulated ? (
          <Text className="group-note group-note--simulated">
            模拟成团：本团到时未满员，已由系统按活动规则自动成团，订单照常发货
          </Text>
        ) : forming && campaign?.autoComplete ? (
          <Text className="group-note">模拟成团：到时未满员时，若付款人数达到活动要求，系统将自动成团</Text>
        ) : null}

        {member ? (
          <View className="group-actions">
            {forming ? (
              process.env.TARO_ENV === 'weapp' ? (
                <Button className="group-button group-invite" openType="share">
                  邀请好友参团
                </Button>
              ) : (
                <Button className="group-button group-invite" onClick={copyLink}>
                  邀请好友参团
                </Button>
              )
            ) : null}
            <Button
              className="group-button group-button--ghost group-my-order"
              onClick={() => group.myOrderId && toOrderDetail(group.myOrderId)}
            >
              查看我的订单
            </Button>
          </View>
        ) : joinable ? (
          <View className="group-actions">
            {campaign && campaign.skus.length > 1 ? (
              <SkuChoice skus={campaign.skus} value={skuId} onChange={setSkuId} />
            ) : null}
            <Button className="group-button group-join" disabled={!campaign || undefined} onClick={join}>
              我也要参团
            </Button>
          </View>
        ) : (
          <View className="group-actions">
            <Button className="group-button group-open-own" onClick={() => toProduct(group.productId)}>
              {group.status === 'SUCCEEDED' ? '这个团已成，我也开一个团' : '我也开一个团'}
            </Button>
          </View>
        )}
      </View>

      <View className="group-rules">
        <Text className="group-rules__title">拼团规则</Text>
        <Text className="group-rules__text">
          好友通过分享参团并付款，{group.size}人付款即成团，成团后商家发货；到时未成团的，已付款项自动原路退回。
        </Text>
      </View>
    </View>
  );
}
