import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { SignInCalendar } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getSignInCalendar, signIn } from '../../../api/marketing';
import { signInCells } from '../../../utils/marketing';
import { toMarketing } from '../../../utils/marketing-route';
import '../components/marketing.scss';
import './index.scss';

/** 签到: the cycle's calendar (last 7 days or this month) with the streak, and 签到 for today's points. */
export default function SignInPage() {
  const [calendar, setCalendar] = useState<SignInCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    getSignInCalendar()
      .then((c) => {
        setCalendar(c);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));

  useDidShow(() => void load());

  const submit = async () => {
    if (busy || !calendar || calendar.signedToday) return;
    setBusy(true);
    try {
      const result = await signIn();
      void Taro.showToast({
        title: `签到成功 +${result.points} 积分${result.bonus ? '（连签奖励）' : ''}`,
        icon: 'none',
      });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (error && !calendar) return <View className="mk mk-error">{error}</View>;
  if (!calendar) return <View className="mk" />;
  const cells = signInCells(calendar);

  return (
    <View className="mk sign-in">
      <View className="mk-head">
        <Text className="mk-head__label">已连续签到</Text>
        <Text className="mk-head__big sign-in__streak">{calendar.streak} 天</Text>
        <Text className="mk-head__line sign-in__next">
          {calendar.signedToday
            ? `明日签到可得 ${calendar.nextReward} 积分`
            : `今日签到可得 ${calendar.nextReward} 积分`}
        </Text>
      </View>

      <View className="mk-card">
        <Text className="mk-card__title">{calendar.cycle === 'WEEKLY' ? '近 7 天' : '本月签到'}</Text>
        <View className={`sign-in__grid sign-in__grid--${calendar.cycle.toLowerCase()}`}>
          {cells.map((cell) => (
            <View
              key={cell.day}
              className={`sign-in__cell ${cell.signed ? 'sign-in__cell--signed' : ''} ${cell.today ? 'sign-in__cell--today' : ''} ${cell.future ? 'sign-in__cell--future' : ''}`}
              data-day={cell.day}
              data-signed={cell.signed ? '1' : '0'}
            >
              <Text className="sign-in__day">{cell.today ? '今' : cell.label}</Text>
              <Text className="sign-in__mark">{cell.signed ? `+${cell.points}` : cell.future ? '' : '·'}</Text>
            </View>
          ))}
        </View>
        <Button
          className="mk-button sign-in__button"
          disabled={calendar.signedToday || busy || undefined}
          onClick={() => void submit()}
        >
          {calendar.signedToday ? '今日已签到' : busy ? '签到中…' : '立即签到'}
        </Button>
      </View>

      <View className="mk-card">
        <View className="mk-row" onClick={() => toMarketing('points')}>
          <Text>查看我的积分</Text>
          <Text>›</Text>
        </View>
      </View>
    </View>
  );
}
