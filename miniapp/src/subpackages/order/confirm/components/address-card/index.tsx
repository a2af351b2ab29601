import { Text, View } from '@tarojs/components';
import type { AddressView } from '@weshop/shared';
import './index.scss';

interface AddressCardProps {
  address: AddressView | null;
  onPick: () => void;
  onAdd: () => void;
}

/** 收货地址 of the confirm page: the chosen one (tap to pick another), or a link to add the first. */
export function AddressCard({ address, onPick, onAdd }: AddressCardProps) {
  if (!address) {
    return (
      <View className="address-card address-card--empty" onClick={onAdd}>
        <Text className="address-card__add">＋ 添加收货地址</Text>
        <Text className="address-card__arrow">›</Text>
      </View>
    );
  }
  return (
    <View className="address-card" data-id={address.id} onClick={onPick}>
      <View className="address-card__body">
        <View className="address-card__who">
          <Text className="address-card__name">{address.name}</Text>
          <Text className="address-card__phone">{address.phone}</Text>
          {address.isDefault ? <Text className="address-card__default">默认</Text> : null}
        </View>
        <Text className="address-card__detail">
          {address.province} {address.city} {address.district} {address.detail}
        </Text>
      </View>
      <Text className="address-card__arrow">›</Text>
    </View>
  );
}
