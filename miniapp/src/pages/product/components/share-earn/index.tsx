import { Button, Text, View } from '@tarojs/components';
import './index.scss';

interface ShareEarnProps {
  onPoster: () => void;
}

/**
 * 分享赚 for distributors: the share card (weapp's share button; it carries the referral code) and
 * the poster. What earns is the friend's purchase, never the share itself.
 */
export function ShareEarn({ onPoster }: ShareEarnProps) {
  return (
    <View className="share-earn">
      <View className="share-earn__body">
        <Text className="share-earn__tag">分享赚</Text>
        <Text className="share-earn__text">好友通过你的分享下单，你可获得佣金</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="share-earn__button share-earn__friend" openType="share">
          发给好友
        </Button>
      ) : null}
      <Button className="share-earn__button share-earn__poster" onClick={onPoster}>
        生成海报
      </Button>
    </View>
  );
}
