import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { formatFen } from '@weshop/shared';
import { listAdminProducts } from '../../../api/admin';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { AdminGate } from '../components/admin-gate';
import { ProductAdmin } from './components/product-admin';

/** 商品管理: every product (off-shelf too); 管理 opens 上架 / 下架 and 库存调整. */
export default function AdminProductsPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const { items, status, error, loadMore } = usePaged((page) => listAdminProducts({ q: q || undefined, page }), q);
  useReachBottom(loadMore);

  return (
    <AdminGate>
      <View className="admin-card">
        <Input
          className="admin-input"
          value={draft}
          placeholder="搜索商品"
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQ(draft.trim())}
        />
      </View>
      {status === 'done' && items.length === 0 ? <Empty text="暂无商品" /> : null}
      {items.map((p) => (
        <View key={p.id} className="admin-card admin-product" data-id={p.id}>
          <Text className="admin-card__title">{p.title}</Text>
          <Text className="admin-card__row">
            {formatFen(p.price)} 起 · 已售 {p.sales}
          </Text>
          {open === p.id ? (
            <ProductAdmin productId={p.id} />
          ) : (
            <View className="admin-actions">
              <Button className="admin-button admin-product__manage" onClick={() => setOpen(p.id)}>
                管理
              </Button>
            </View>
          )}
        </View>
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
