import { useEffect, useState } from 'react';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import type { CategoryView } from '@weshop/shared';
import { errorMessage } from '../../api/client';
import { listCategories, listProducts } from '../../api/catalog';
import { assetUrl } from '../../config';
import { Empty } from '../../components/empty';
import { LoadMore } from '../../components/load-more';
import { ProductCard } from '../../components/product-card';
import { usePaged } from '../../hooks/use-paged';
import { toProduct } from '../../utils/route';
import { usePageView } from '../../hooks/use-page-view';
import './index.scss';

type Child = CategoryView['children'][number];

function ChildProducts({ child }: { child: Child }) {
  const { items, status, error, loadMore } = usePaged(
    (page) => listProducts({ categoryId: child.id, sort: 'sales', page, pageSize: 20 }),
    child.id,
  );
  if (status === 'done' && items.length === 0) return <Empty text="该分类暂无商品" />;
  return (
    <View className="category-products">
      {items.map((product) => (
        <ProductCard key={product.id} product={product} onOpen={toProduct} />
      ))}
      <LoadMore status={status} error={error} onLoadMore={loadMore} />
    </View>
  );
}

export default function CategoryPage() {
  usePageView();
  const [tops, setTops] = useState<CategoryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [topId, setTopId] = useState<string | null>(null);
  const [child, setChild] = useState<Child | null>(null);

  useEffect(() => {
    listCategories()
      .then(({ items }) => {
        setTops(items);
        setTopId(items[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const top = tops.find((c) => c.id === topId) ?? null;

  if (error) return <Empty text={error} />;

  return (
    <View className="category">
      <ScrollView className="category__nav" scrollY>
        {tops.map((c) => (
          <View
            key={c.id}
            className={`category-top ${c.id === topId ? 'category-top--active' : ''}`}
            onClick={() => {
              setTopId(c.id);
              setChild(null);
            }}
          >
            <Text>{c.name}</Text>
          </View>
        ))}
      </ScrollView>
      <ScrollView className="category__main" scrollY>
        {child ? (
          <View>
            <View className="category__crumb" onClick={() => setChild(null)}>
              <Text className="category__back">‹ {top?.name}</Text>
              <Text className="category__current">{child.name}</Text>
            </View>
            <ChildProducts child={child} />
          </View>
        ) : top ? (
          <View className="category-children">
            {top.children.length === 0 ? <Empty text="暂无子分类" /> : null}
            {top.children.map((c) => (
              <View key={c.id} className="category-child" onClick={() => setChild(c)}>
                {c.icon ? (
                  <Image className="category-child__icon" src={assetUrl(c.icon)} mode="aspectFill" />
                ) : (
                  <View className="category-child__icon category-child__icon--blank">
                    <Text>{c.name.slice(0, 1)}</Text>
                  </View>
                )}
                <Text className="category-child__name">{c.name}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </ScrollView>
    </View>
  );
}
