import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen, StockAdjustmentRequest, type AdminProductView } from '@weshop/shared';
import { adjustStock, getAdminProduct, setShelf } from '../../../../../api/admin';
import { errorMessage } from '../../../../../api/client';
import { specsText } from '../../../../../utils/order-status';

/** One SKU's 库存调整: a signed delta and a reason (kept in the audit trail). */
function StockForm({ skuId, onDone }: { skuId: string; onDone: () => void }) {
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const submit = async () => {
    const body = StockAdjustmentRequest.safeParse({ delta: Number(delta), reason: reason.trim() });
    if (!/^-?\d+$/.test(delta.trim()) || !body.success) {
      void Taro.showToast({ title: '请填写非零整数和原因', icon: 'none' });
      return;
    }
    try {
      const result = await adjustStock(skuId, body.data);
      void Taro.showToast({ title: `库存 ${result.stockAfter}`, icon: 'success' });
      setDelta('');
      setReason('');
      onDone();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  return (
    <View className="admin-form stock-form">
      <Input
        className="admin-input stock-form__delta"
        value={delta}
        placeholder="增减数量，如 10 或 -3"
        onInput={(e) => setDelta(e.detail.value)}
      />
      <Input
        className="admin-input stock-form__reason"
        value={reason}
        placeholder="原因，如 盘点补货"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="admin-actions">
        <Button className="admin-button admin-button--primary stock-form__submit" onClick={() => void submit()}>
          调整库存
        </Button>
      </View>
    </View>
  );
}

/** The merchant's panel for one product: 上架 / 下架 and each SKU's stock. */
export function ProductAdmin({ productId }: { productId: string }) {
  const [product, setProduct] = useState<AdminProductView | null>(null);
  const [adjusting, setAdjusting] = useState<string | null>(null);
  const load = useCallback(() => {
    getAdminProduct(productId)
      .then(setProduct)
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  }, [productId]);
  useEffect(load, [load]);
  if (product === null) return <Text className="admin-card__row">加载中…</Text>;
  const toggleShelf = async () => {
    try {
      setProduct(await setShelf(product.id, !product.onShelf));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  return (
    <View className="admin-form product-admin">
      <View className="admin-actions">
        <Text className="admin-card__row product-admin__shelf">{product.onShelf ? '在售' : '已下架'}</Text>
        <Button className="admin-button product-admin__toggle" onClick={() => void toggleShelf()}>
          {product.onShelf ? '下架' : '上架'}
        </Button>
      </View>
      {product.skus.map((sku) => (
        <View key={sku.id} className="product-admin__sku" data-sku={sku.id}>
          <Text className="admin-card__row">
            {specsText(sku.specs) || '默认规格'} · {formatFen(sku.price)} · 库存 {sku.stock}
          </Text>
          {adjusting === sku.id ? (
            <StockForm skuId={sku.id} onDone={load} />
          ) : (
            <View className="admin-actions">
              <Button className="admin-button" onClick={() => setAdjusting(sku.id)}>
                库存调整
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
