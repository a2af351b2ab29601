import { Image, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { formatFen } from '@weshop/shared';
import { listCustomers } from '../../../api/distribution';
import { assetUrl } from '../../../config';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { BIND_SOURCE_TEXT, bindingUntilText } from '../../../utils/distribution';
import { formatTime } from '../../../utils/order-status';
import '../components/dist-tabs/index.scss';
import './index.scss';

/** 我的客户: shoppers bound to me (锁客), how they came, until when, and what they bought through me. */
export default function CustomersPage() {
  const { items, status, error, loadMore } = usePaged((page) => listCustomers(page), 'customers');
  useReachBottom(loadMore);
  return (
    <View className="dist-page customers">
      {status === 'done' && items.length === 0 ? <Empty text="还没有客户，分享商品给好友吧" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((c, i) => (
        <View key={`${c.nickname}-${c.boundAt}-${i}`} className="dist-card customer">
          <View className="customer__who">
            {c.avatarUrl ? (
              <Image className="customer__avatar" src={assetUrl(c.avatarUrl)} mode="aspectFill" />
            ) : (
              <View className="customer__avatar customer__avatar--blank">
                <Text>{c.nickname.slice(0, 1)}</Text>
              </View>
            )}
            <View className="customer__info">
              <Text className="customer__name">{c.nickname}</Text>
              <Text className="dist-muted">
                {BIND_SOURCE_TEXT[c.source]} · {formatTime(c.boundAt)} 绑定 · 有效期至 {bindingUntilText(c.until)}
              </Text>
            </View>
          </View>
          <View className="dist-card__foot">
            <Text className="dist-muted">成交 {c.orders} 单</Text>
            <Text className="customer__spent">{formatFen(c.spent)}</Text>
          </View>
        </View>
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
