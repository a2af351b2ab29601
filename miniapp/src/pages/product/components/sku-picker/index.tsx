import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen, type ProductDetail } from '@weshop/shared';
import { isValueAvailable, maxQuantity, pickSku, type ChosenSpecs } from './sku';
import './index.scss';

export interface SkuSelection {
  skuId: string | null;
  quantity: number;
}

interface SkuPickerProps {
  product: Pick<ProductDetail, 'specs' | 'skus' | 'purchaseLimit' | 'price' | 'listPrice'>;
  onChange: (selection: SkuSelection) => void;
}

/** 规格选择: one chip per spec value, the matching SKU's price and stock, and a quantity stepper. */
export function SkuPicker({ product, onChange }: SkuPickerProps) {
  const { specs, skus, purchaseLimit } = product;
  const [chosen, setChosen] = useState<ChosenSpecs>({});
  const [quantity, setQuantity] = useState(1);
  const sku = useMemo(() => pickSku(skus, specs, chosen), [skus, specs, chosen]);
  const max = maxQuantity(sku, purchaseLimit);

  // Keep the quantity inside the new SKU's bounds when the selection changes.
  useEffect(() => {
    setQuantity((q) => Math.max(1, Math.min(q, Math.max(max, 1))));
  }, [max]);

  useEffect(() => {
    onChange({ skuId: sku && sku.stock > 0 ? sku.id : null, quantity });
  }, [sku, quantity, onChange]);

  const toggle = (dimension: string, value: string) => {
    setChosen((prev) => {
      const next = { ...prev };
      if (next[dimension] === value) delete next[dimension];
      else next[dimension] = value;
      return next;
    });
  };

  const missing = specs.filter((d) => chosen[d.name] === undefined).map((d) => d.name);

  return (
    <View className="sku-picker">
      <View className="sku-summary">
        <Text className="sku-selected-price">{formatFen(sku ? sku.price : product.price)}</Text>
        {sku && sku.listPrice > sku.price ? (
          <Text className="sku-selected-list-price">{formatFen(sku.listPrice)}</Text>
        ) : null}
        <Text className="sku-selected-stock">
          {sku ? (sku.stock > 0 ? `库存 ${sku.stock} 件` : '已售罄') : `请选择 ${missing.join(' / ')}`}
        </Text>
      </View>

      {specs.map((dimension) => (
        <View key={dimension.name} className="sku-dimension">
          <Text className="sku-dimension__name">{dimension.name}</Text>
          <View className="sku-dimension__values">
            {dimension.values.map((value) => {
              const active = chosen[dimension.name] === value;
              const available = isValueAvailable(skus, specs, chosen, dimension.name, value);
              return (
                <View
                  key={value}
                  className={`sku-option ${active ? 'sku-option--active' : ''} ${available ? '' : 'sku-option--disabled'}`}
                  data-dimension={dimension.name}
                  data-value={value}
                  aria-disabled={!available}
                  onClick={() => (available || active ? toggle(dimension.name, value) : undefined)}
                >
                  <Text>{value}</Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}

      <View className="sku-quantity">
        <Text className="sku-dimension__name">
          数量{purchaseLimit !== null ? <Text className="sku-quantity__limit">（限购 {purchaseLimit} 件）</Text> : null}
        </Text>
        <View className="stepper">
          <View
            className={`stepper__button stepper__minus ${quantity <= 1 ? 'stepper__button--disabled' : ''}`}
            onClick={() => quantity > 1 && setQuantity(quantity - 1)}
          >
            <Text>-</Text>
          </View>
          <Text className="stepper__value">{quantity}</Text>
          <View
            className={`stepper__button stepper__plus ${quantity >= max ? 'stepper__button--disabled' : ''}`}
            onClick={() => quantity < max && setQuantity(quantity + 1)}
          >
            <Text>+</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
