import { Button, View } from '@tarojs/components';
import './index.scss';

interface BuyBarProps {
  disabled: boolean;
  onAddToCart: () => void;
  onBuyNow: () => void;
}

/** Bottom bar of the product page: 加入购物车 / 立即购买. */
export function BuyBar({ disabled, onAddToCart, onBuyNow }: BuyBarProps) {
  // `undefined`, not `false`: h5 renders disabled={false} as a `disabled="false"` attribute, which greys it out.
  const off = disabled || undefined;
  return (
    <View className="buy-bar">
      <Button className="buy-bar__button buy-bar__cart" disabled={off} onClick={onAddToCart}>
        加入购物车
      </Button>
      <Button className="buy-bar__button buy-bar__buy" disabled={off} onClick={onBuyNow}>
        立即购买
      </Button>
    </View>
  );
}
