import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MemberView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getMember } from '../../../api/marketing';
import { discountBpText, growthPercent, multiplierText } from '../../../utils/marketing';
import { toCoupons, toMarketing } from '../../../utils/marketing-route';
import { askToSubscribe, preloadSubscribeTemplates } from '../../../utils/subscribe';
import '../components/marketing.scss';

/** 会员中心: my level, 成长值 with the way to the next level, the level's benefits, and the other 营销 pages. */
export default function MemberPage() {
  const [member, setMember] = useState<MemberView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    void preloadSubscribeTemplates();
    getMember()
      .then((m) => {
        setMember(m);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  if (error && !member) return <View className="mk mk-error">{error}</View>;
  if (!member) return <View className="mk" />;
  const level = member.level;

  return (
    <View className="mk member">
      <View className="mk-head">
        <Text className="mk-head__label">当前等级</Text>
        <Text className="mk-head__big member__level">{level?.name ?? '普通会员'}</Text>
        <Text className="mk-head__line member__growth">成长值 {member.growth}</Text>
        <View className="mk-progress">
          <View className="mk-progress__bar" style={{ width: `${growthPercent(member)}%` }} />
        </View>
        <Text className="mk-head__line member__next">
          {member.nextLevel
            ? `再获得 ${member.nextLevel.growthNeeded} 成长值升级为 ${member.nextLevel.level.name}`
            : '已是最高等级'}
        </Text>
      </View>

      <View className="mk-card member__benefits">
        <Text className="mk-card__title">我的权益</Text>
        {member.benefits.length === 0 ? <Text className="mk-row__sub">暂无权益</Text> : null}
        {member.benefits.map((b) => (
          <View key={b} className="mk-row member__benefit">
            <Text>{b}</Text>
          </View>
        ))}
        {level ? (
          <>
            <View className="mk-row">
              <Text>会员折扣</Text>
              <Text>{discountBpText(level.discountBp)}</Text>
            </View>
            <View className="mk-row">
              <Text>积分倍数</Text>
              <Text>{multiplierText(level.pointsMultiplierBp)}</Text>
            </View>
            <View className="mk-row">
              <Text>会员日</Text>
              <Text>{level.memberDayAccess ? '可参与' : '升级后参与'}</Text>
            </View>
          </>
        ) : null}
      </View>

      {member.nextLevel ? (
        <View className="mk-card member__next-level">
          <Text className="mk-card__title">下一等级 · {member.nextLevel.level.name}</Text>
          <View className="mk-row">
            <Text>所需成长值</Text>
            <Text>{member.nextLevel.level.minGrowth}</Text>
          </View>
          <View className="mk-row">
            <Text>会员折扣</Text>
            <Text>{discountBpText(member.nextLevel.level.discountBp)}</Text>
          </View>
          <View className="mk-row">
            <Text>积分倍数</Text>
            <Text>{multiplierText(member.nextLevel.level.pointsMultiplierBp)}</Text>
          </View>
        </View>
      ) : null}

      <View className="mk-card">
        <Text className="mk-card__title">成长值说明</Text>
        <Text className="mk-row__sub">订单完成后按实付金额（元）累计成长值，退款相应扣减。</Text>
      </View>

      <View className="mk-card">
        <View className="mk-row" onClick={() => toMarketing('member-day')}>
          <Text>会员日</Text>
          <Text>›</Text>
        </View>
        <View className="mk-row" onClick={() => toMarketing('points')}>
          <Text>我的积分</Text>
          <Text>›</Text>
        </View>
        <View className="mk-row" onClick={() => toMarketing('sign-in')}>
          <Text>每日签到</Text>
          <Text>›</Text>
        </View>
        <View className="mk-row" onClick={() => toCoupons('center')}>
          <Text>领券中心</Text>
          <Text>›</Text>
        </View>
        <View
          className="mk-row member__remind"
          onClick={() =>
            void askToSubscribe('MEMBER_CENTER').then(() => Taro.showToast({ title: '已设置提醒', icon: 'none' }))
          }
        >
          <Text>会员日与积分过期提醒</Text>
          <Text>›</Text>
        </View>
      </View>
    </View>
  );
}
