import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { ProductSort } from '@weshop/shared';
import { listProducts } from '../../api/catalog';
import { Empty } from '../../components/empty';
import { LoadMore } from '../../components/load-more';
import { ProductCard } from '../../components/product-card';
import { usePaged } from '../../hooks/use-paged';
import { toProduct } from '../../utils/route';
import { usePageView } from '../../hooks/use-page-view';
import { toFlashSale } from '../../utils/marketing-console-route';
import './index.scss';

type Tab = 'default' | 'sales' | 'price' | 'new';

const TABS: { key: Tab; label: string }[] = [
  { key: 'default', label: '综合' },
  { key: 'sales', label: '销量' },
  { key: 'price', label: '价格' },
  { key: 'new', label: '新品' },
];

/** 综合 is the server's default order (newest first until the server offers a blended ranking). */
function sortFor(tab: Tab, priceAscending: boolean): ProductSort {
  if (tab === 'sales') return 'sales';
  if (tab === 'price') return priceAscending ? 'price_asc' : 'price_desc';
  return 'new';
}

const PAGE_SIZE = 20;

export default function HomePage() {
  usePageView();
  const [tab, setTab] = useState<Tab>('default');
  const [priceAscending, setPriceAscending] = useState(true);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const sort = sortFor(tab, priceAscending);

  const { items, status, error, loadMore } = usePaged(
    (page) => listProducts({ q: q || undefined, sort, page, pageSize: PAGE_SIZE }),
    `${sort}|${q}`,
  );
  useReachBottom(loadMore);

  const chooseTab = (next: Tab) => {
    // Tapping 价格 again flips the direction.
    if (next === 'price' && tab === 'price') setPriceAscending((asc) => !asc);
    setTab(next);
  };

  return (
    <View className="home">
      <View className="home__header">
        <View className="search">
          <Input
            className="search__input"
            value={draft}
            placeholder="搜索商品"
            confirmType="search"
            onInput={(e) => setDraft(e.detail.value)}
            onConfirm={() => setQ(draft.trim())}
          />
          <Text className="search__button" onClick={() => setQ(draft.trim())}>
            搜索
          </Text>
        </View>
        <View className="sort-tabs">
          {TABS.map(({ key, label }) => (
            <View
              key={key}
              className={`sort-tab ${tab === key ? 'sort-tab--active' : ''}`}
              data-sort={key}
              onClick={() => chooseTab(key)}
            >
              <Text>{label}</Text>
              {key === 'price' ? (
                <Text className="sort-tab__arrow">{tab === 'price' ? (priceAscending ? '↑' : '↓') : '↕'}</Text>
              ) : null}
            </View>
          ))}
        </View>
      </View>

      <View className="home-flash" onClick={toFlashSale}>
        <Text className="home-flash__title">限时秒杀</Text>
        <Text className="home-flash__more">低价限量 · 去抢购 ›</Text>
      </View>

      {status === 'done' && items.length === 0 ? (
        <Empty text={q ? `没有找到“${q}”相关的商品` : '暂无商品'} />
      ) : (
        <View className="feed">
          {items.map((product) => (
            <ProductCard key={product.id} product={product} onOpen={toProduct} />
          ))}
        </View>
      )}
      {items.length > 0 || status !== 'done' ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
