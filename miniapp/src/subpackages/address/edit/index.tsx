import { useEffect, useState } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { FieldIssue } from '@weshop/shared';
import { createAddress, listAddresses, updateAddress } from '../../../api/address';
import { ApiError, errorMessage } from '../../../api/client';
import './index.scss';

type Field = 'name' | 'phone' | 'province' | 'city' | 'district' | 'detail';

const FIELDS: { key: Field; label: string; placeholder: string }[] = [
  { key: 'name', label: '收货人', placeholder: '姓名' },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号或带区号的座机' },
  { key: 'province', label: '省份', placeholder: '如 浙江省' },
  { key: 'city', label: '城市', placeholder: '如 杭州市' },
  { key: 'district', label: '区县', placeholder: '如 西湖区' },
  { key: 'detail', label: '详细地址', placeholder: '街道、楼牌号等' },
];

const EMPTY: Record<Field, string> = { name: '', phone: '', province: '', city: '', district: '', detail: '' };

/** The first field the server rejected, in the form's words (VALIDATION_FAILED lists them in details.fields). */
function validationMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    const fields = Array.isArray(error.details.fields) ? error.details.fields : [];
    const first = FieldIssue.safeParse(fields[0]);
    const label = first.success ? FIELDS.find((f) => first.data.path.startsWith(f.key))?.label : undefined;
    if (label) return `请检查${label}`;
  }
  return errorMessage(error);
}

/** 新增 / 编辑收货地址. Saves, then goes back (确认订单 and the address book reload on show). */
export default function AddressEditPage() {
  const { id } = useRouter().params;
  const [form, setForm] = useState<Record<Field, string>>(EMPTY);
  const [isDefault, setIsDefault] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!id) return;
    void Taro.setNavigationBarTitle({ title: '编辑收货地址' });
    listAddresses()
      .then((list) => {
        const a = list.items.find((x) => x.id === id);
        if (!a) return;
        setForm({
          name: a.name,
          phone: a.phone,
          province: a.province,
          city: a.city,
          district: a.district,
          detail: a.detail,
        });
        setIsDefault(a.isDefault);
      })
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  }, [id]);

  const save = async () => {
    if (saving) return;
    const missing = FIELDS.find((f) => !form[f.key].trim());
    if (missing) {
      void Taro.showToast({ title: `请填写${missing.label}`, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const body = { ...form, isDefault };
      if (id) await updateAddress(id, body);
      else await createAddress(body);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      void Taro.showToast({ title: validationMessage(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="address-edit">
      <View className="address-form">
        {FIELDS.map((f) => (
          <View key={f.key} className={`address-field address-field--${f.key}`}>
            <Text className="address-field__label">{f.label}</Text>
            <Input
              className="address-field__input"
              value={form[f.key]}
              placeholder={f.placeholder}
              onInput={(e) => {
                const value = e.detail.value;
                setForm((prev) => ({ ...prev, [f.key]: value }));
              }}
            />
          </View>
        ))}
        <View className="address-field address-field--default">
          <Text className="address-field__label">设为默认地址</Text>
          <Switch checked={isDefault} color="#e93b3d" onChange={(e) => setIsDefault(e.detail.value)} />
        </View>
      </View>
      <Button className="address-edit__save" disabled={saving || undefined} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}
