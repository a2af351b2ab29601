import { useEffect, useState } from 'react';
import { Image, Input, Text, View } from '@tarojs/components';
import { formatFen, type ProductCard } from '@weshop/shared';
import { listProducts } from '../../../../../api/catalog';
import { errorMessage } from '../../../../../api/client';
import { assetUrl } from '../../../../../config';
import type { TaggedProduct } from '../../../../../utils/post-editor';
import './index.scss';

interface ProductPickerProps {
  picked: TaggedProduct[];
  onPick: (product: TaggedProduct) => void;
  onClose: () => void;
}

const RESULTS = 10;

/** 关联商品: search the catalog (the shop's own product search) and tap a product to tag it. */
export function ProductPicker({ picked, onPick, onClose }: ProductPickerProps) {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ProductCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    setItems(null);
    listProducts({ q: q || undefined, pageSize: RESULTS })
      .then((page) => {
        if (stale) return;
        setItems(page.items);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!stale) setError(errorMessage(e));
      });
    return () => {
      stale = true;
    };
  }, [q]);

  const chosen = new Set(picked.map((p) => p.id));
  return (
    <View className="product-picker">
      <View className="product-picker__search">
        <Input
          className="product-picker__input"
          value={draft}
          placeholder="搜索要关联的商品"
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQ(draft.trim())}
        />
        <Text className="product-picker__go" onClick={() => setQ(draft.trim())}>
          搜索
        </Text>
        <Text className="product-picker__close" onClick={onClose}>
          完成
        </Text>
      </View>
      {error ? <Text className="product-picker__hint">{error}</Text> : null}
      {!error && items === null ? <Text className="product-picker__hint">搜索中…</Text> : null}
      {items && items.length === 0 ? <Text className="product-picker__hint">没有找到相关商品</Text> : null}
      {(items ?? []).map((p) => (
        <View
          key={p.id}
          className={`product-picker__item ${chosen.has(p.id) ? 'product-picker__item--on' : ''}`}
          data-id={p.id}
          onClick={() => onPick({ id: p.id, title: p.title, image: p.cover, price: p.price })}
        >
          <Image className="product-picker__image" src={assetUrl(p.cover)} mode="aspectFill" />
          <View className="product-picker__body">
            <Text className="product-picker__title">{p.title}</Text>
            <Text className="product-picker__price">{formatFen(p.price)}</Text>
          </View>
          <Text className="product-picker__pick">{chosen.has(p.id) ? '已关联' : '关联'}</Text>
        </View>
      ))}
    </View>
  );
}
