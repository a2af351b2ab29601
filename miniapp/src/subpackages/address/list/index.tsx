import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { AddressView } from '@weshop/shared';
import { deleteAddress, listAddresses, updateAddress } from '../../../api/address';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { ADDRESS_SELECTED, toAddressEdit } from '../../../utils/route';
import './index.scss';

/** 收货地址: the book (default first); in select mode a tap picks the address for 确认订单. */
export default function AddressListPage() {
  const select = useRouter().params.select === '1';
  const [items, setItems] = useState<AddressView[] | null>(null);

  const load = () =>
    listAddresses()
      .then((list) => setItems(list.items))
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  useDidShow(() => void load());

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const pick = (a: AddressView) => {
    if (!select) return;
    Taro.eventCenter.trigger(ADDRESS_SELECTED, a.id);
    void Taro.navigateBack();
  };

  const remove = async (a: AddressView) => {
    const { confirm } = await Taro.showModal({ title: '删除地址', content: `删除 ${a.name} 的地址？` });
    if (confirm) await run(() => deleteAddress(a.id));
  };

  return (
    <View className="address-list">
      {items && items.length === 0 ? <Empty text="还没有收货地址" /> : null}
      {(items ?? []).map((a) => (
        <View key={a.id} className="address-item" data-id={a.id}>
          <View className="address-item__main" onClick={() => pick(a)}>
            <View className="address-item__who">
              <Text className="address-item__name">{a.name}</Text>
              <Text className="address-item__phone">{a.phone}</Text>
              {a.isDefault ? <Text className="address-item__default">默认</Text> : null}
            </View>
            <Text className="address-item__where">
              {a.province} {a.city} {a.district} {a.detail}
            </Text>
          </View>
          <View className="address-item__actions">
            {a.isDefault ? null : (
              <Text
                className="address-item__action"
                onClick={() => void run(() => updateAddress(a.id, { isDefault: true }))}
              >
                设为默认
              </Text>
            )}
            <Text className="address-item__action" onClick={() => toAddressEdit(a.id)}>
              编辑
            </Text>
            <Text className="address-item__action" onClick={() => void remove(a)}>
              删除
            </Text>
          </View>
        </View>
      ))}
      <View className="address-list__bar">
        <Button className="address-list__add" onClick={() => toAddressEdit()}>
          ＋ 新增收货地址
        </Button>
      </View>
    </View>
  );
}
