import { Image, Text, View } from '@tarojs/components';
import { formatFen, type CartItemView } from '@weshop/shared';
import { assetUrl } from '../../../../config';
import { specsText } from '../../../../utils/order-status';
import { stepperBounds } from './bounds';
import './index.scss';

interface CartLineProps {
  item: CartItemView;
  selected: boolean;
  /** A change is on its way to the server: taps wait. */
  busy: boolean;
  onToggle: (id: string) => void;
  onQuantity: (id: string, quantity: number) => void;
  onRemove: (id: string) => void;
}

/** One cart line: select box, SKU, today's price (from the server), quantity stepper, 删除. */
export function CartLine({ item, selected, busy, onToggle, onQuantity, onRemove }: CartLineProps) {
  const { min, max } = stepperBounds(item);
  const canDown = !busy && item.quantity > min;
  const canUp = !busy && item.available && item.quantity < max;
  return (
    <View className={`cart-line ${item.available ? '' : 'cart-line--unavailable'}`} data-id={item.id}>
      <View
        className={`cart-check ${selected ? 'cart-check--on' : ''}`}
        aria-disabled={!item.available}
        onClick={() => item.available && onToggle(item.id)}
      >
        <Text>{selected ? '✓' : ''}</Text>
      </View>
      <Image className="cart-line__image" src={assetUrl(item.image)} mode="aspectFill" />
      <View className="cart-line__body">
        <Text className="cart-line__title">{item.title}</Text>
        <Text className="cart-line__specs">{specsText(item.specs)}</Text>
        {item.available ? null : <Text className="cart-line__warn">已失效 / 库存不足</Text>}
        <View className="cart-line__foot">
          <Text className="cart-line__price">{formatFen(item.price)}</Text>
          <View className="stepper">
            <View
              className={`stepper__button stepper__minus ${canDown ? '' : 'stepper__button--disabled'}`}
              onClick={() => canDown && onQuantity(item.id, item.quantity - 1)}
            >
              <Text>-</Text>
            </View>
            <Text className="stepper__value">{item.quantity}</Text>
            <View
              className={`stepper__button stepper__plus ${canUp ? '' : 'stepper__button--disabled'}`}
              onClick={() => canUp && onQuantity(item.id, item.quantity + 1)}
            >
              <Text>+</Text>
            </View>
          </View>
        </View>
      </View>
      <Text className="cart-line__remove" onClick={() => !busy && onRemove(item.id)}>
        删除
      </Text>
    </View>
  );
}
