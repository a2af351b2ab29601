import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CartView } from '@weshop/shared';
import { getCart, removeCartItem, updateCartItem } from '../../api/cart';
import { errorMessage } from '../../api/client';
import { Empty } from '../../components/empty';
import { toConfirmOrder } from '../../utils/route';
import { showCartBadge } from '../../utils/tab-badge';
import { CartLine } from './components/cart-line';
import { usePageView } from '../../hooks/use-page-view';
import './index.scss';

/**
 * 购物车: lines at today's prices with steppers and 删除, a selection, and 去结算. No totals here:
 * what the shopper pays is the server's preview on the confirm page.
 */
export default function CartPage() {
  usePageView();
  const [cart, setCart] = useState<CartView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Selected line ids; `null` until the first load selects every available line.
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [busy, setBusy] = useState(false);

  const applyCart = useCallback((next: CartView) => {
    setCart(next);
    showCartBadge(next.count);
    setSelected((prev) => {
      const available = next.items.filter((i) => i.available).map((i) => i.id);
      if (prev === null) return new Set(available);
      return new Set(available.filter((id) => prev.has(id)));
    });
  }, []);

  useDidShow(() => {
    getCart()
      .then((c) => {
        setError(null);
        applyCart(c);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  });

  const change = async (work: () => Promise<CartView>) => {
    if (busy) return;
    setBusy(true);
    try {
      applyCart(await work());
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    const { confirm } = await Taro.showModal({ title: '删除商品', content: '确定从购物车删除该商品？' });
    if (confirm) await change(() => removeCartItem(id));
  };

  if (error && !cart) return <Empty text={error} />;
  if (!cart) return <View className="cart-loading">加载中…</View>;
  if (cart.items.length === 0) return <Empty text="购物车空空如也" />;

  const chosen = cart.items.filter((i) => i.available && selected?.has(i.id));
  const availableCount = cart.items.filter((i) => i.available).length;
  const allChosen = availableCount > 0 && chosen.length === availableCount;

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev ?? []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () =>
    setSelected(allChosen ? new Set() : new Set(cart.items.filter((i) => i.available).map((i) => i.id)));

  const checkout = () => {
    if (chosen.length === 0) {
      void Taro.showToast({ title: '请选择要结算的商品', icon: 'none' });
      return;
    }
    toConfirmOrder(
      chosen.map((i) => ({ skuId: i.skuId, quantity: i.quantity })),
      true,
    );
  };

  return (
    <View className="cart">
      {cart.items.map((item) => (
        <CartLine
          key={item.id}
          item={item}
          selected={Boolean(selected?.has(item.id))}
          busy={busy}
          onToggle={toggle}
          onQuantity={(id, quantity) => void change(() => updateCartItem(id, quantity))}
          onRemove={(id) => void remove(id)}
        />
      ))}
      <View className={`cart-bar ${process.env.TARO_ENV === 'h5' ? 'cart-bar--h5' : ''}`}>
        <View className="cart-bar__all" onClick={toggleAll}>
          <View className={`cart-check ${allChosen ? 'cart-check--on' : ''}`}>
            <Text>{allChosen ? '✓' : ''}</Text>
          </View>
          <Text>全选</Text>
        </View>
        <Text className="cart-bar__count">已选 {chosen.length} 种商品</Text>
        <Button className="cart-bar__checkout" onClick={checkout}>
          去结算
        </Button>
      </View>
    </View>
  );
}
