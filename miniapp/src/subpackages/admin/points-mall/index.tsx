import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { POINTS_MALL_KINDS, type PointsMallItemAdminView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { createPointsMallItem, listAdminPointsMall, updatePointsMallItem } from '../../../api/points-mall';
import { Empty } from '../../../components/empty';
import { pointsPriceText } from '../../../utils/points-mall';
import { AdminGate } from '../components/admin-gate';
import { MarketingConsoleTabs } from '../components/admin-tabs';
import { Chips, Field, FormErrors, TextInput, Toggle } from '../components/console-form';
import { useConsoleForm, type ConsoleSubmission } from '../components/console-form/use-console-form';
import {
  POINTS_MALL_KIND_TEXT,
  emptyPointsMallForm,
  formToPointsMallItem,
  pointsMallFormOf,
  pointsMallPatchOf,
  pointsMallShownPaths,
  type PointsMallForm,
} from './points-mall-form';

/**
 * The fields of an item; `item` given: 编辑 (the kind and what it gives are fixed). The server's refusals
 * (a SKU not exchangeable for points, a template of another channel, …) show on their fields.
 */
function ItemForm(props: { item?: PointsMallItemAdminView; onDone: (saved: PointsMallItemAdminView | null) => void }) {
  const editing = props.item !== undefined;
  const { form, set, errors, top, busy, submit } = useConsoleForm({
    initial: () => (props.item ? pointsMallFormOf(props.item) : emptyPointsMallForm()),
    shownPaths: (f: PointsMallForm) => pointsMallShownPaths(f, editing),
    prepare: (f: PointsMallForm): ConsoleSubmission<PointsMallItemAdminView> => {
      const { item } = props;
      if (item) {
        const patch = pointsMallPatchOf(item, f);
        if (patch.ok === 'unchanged') return 'unchanged';
        return patch.ok ? () => updatePointsMallItem(item.id, patch.request) : patch.issues;
      }
      const created = formToPointsMallItem(f);
      return created.ok ? () => createPointsMallItem(created.request) : created.issues;
    },
    savedToast: editing ? '已保存' : '已上架',
    onSaved: props.onDone,
  });

  return (
    <View className="admin-card points-mall-form" data-kind={form.kind}>
      <Text className="console-form__title">{editing ? '编辑兑换品' : '新建兑换品'}</Text>
      <FormErrors messages={top} />
      {editing ? null : (
        <>
          <Field path="kind" label="类型" errors={errors}>
            <Chips
              options={POINTS_MALL_KINDS.map((k) => ({ key: k, label: POINTS_MALL_KIND_TEXT[k] }))}
              value={form.kind}
              onChange={(kind) => set({ kind })}
            />
          </Field>
          {form.kind === 'GIFT' ? (
            <Field path="skuId" label="礼品 SKU 编号" hint="商品须允许积分兑换" errors={errors}>
              <TextInput value={form.skuId} type="number" onInput={(v) => set({ skuId: v })} />
            </Field>
          ) : (
            <Field path="couponTemplateId" label="优惠券模板编号" hint="须为「积分商城」渠道的模板" errors={errors}>
              <TextInput value={form.couponTemplateId} type="number" onInput={(v) => set({ couponTemplateId: v })} />
            </Field>
          )}
        </>
      )}
      <Field path="title" label="名称" errors={errors}>
        <TextInput value={form.title} type="text" wide placeholder="如 定制保温杯" onInput={(v) => set({ title: v })} />
      </Field>
      <Field path="points" label="所需积分" errors={errors}>
        <TextInput value={form.points} type="number" suffix="积分" onInput={(v) => set({ points: v })} />
      </Field>
      {form.kind === 'GIFT' ? (
        <Field path="cash" label="加价" hint="积分 + 现金，留空为纯积分兑换" errors={errors}>
          <TextInput value={form.cash} suffix="元" onInput={(v) => set({ cash: v })} />
        </Field>
      ) : null}
      <Field path="stock" label="库存" errors={errors}>
        <TextInput value={form.stock} type="number" suffix="件" onInput={(v) => set({ stock: v })} />
      </Field>
      <Field path="perUserLimit" label="每人限兑" errors={errors}>
        <TextInput value={form.perUserLimit} type="number" suffix="件" onInput={(v) => set({ perUserLimit: v })} />
      </Field>
      <Field path="active" label="上架" errors={errors}>
        <Toggle checked={form.active} onChange={(v) => set({ active: v })} />
      </Field>
      <View className="admin-actions">
        <Button className="admin-button" onClick={() => props.onDone(null)}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary points-mall-form__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          {editing ? '保存' : '创建'}
        </Button>
      </View>
    </View>
  );
}

/** 积分商城 (console): every item with its price, stock and redemptions; 新建, 编辑, 上架 / 下架. */
export default function AdminPointsMallPage() {
  const [items, setItems] = useState<PointsMallItemAdminView[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const load = () =>
    listAdminPointsMall().then(
      (list) => {
        setItems(list.items);
        setFailed(null);
      },
      (e) => setFailed(errorMessage(e)),
    );
  useDidShow(() => void load());
  const done = (saved: PointsMallItemAdminView | null) => {
    setCreating(false);
    setEditing(null);
    if (saved) void load();
  };

  return (
    <AdminGate>
      <MarketingConsoleTabs active="points-mall" />
      {creating ? (
        <ItemForm onDone={done} />
      ) : (
        <View className="admin-actions">
          <Button className="admin-button admin-button--primary points-mall__create" onClick={() => setCreating(true)}>
            新建兑换品
          </Button>
        </View>
      )}
      {failed && !items ? <Empty text={failed} /> : null}
      {items && items.length === 0 ? <Empty text="积分商城还没有兑换品" /> : null}
      {(items ?? []).map((item) =>
        editing === item.id ? (
          <ItemForm key={item.id} item={item} onDone={done} />
        ) : (
          <View key={item.id} className="admin-card admin-points-mall" data-id={item.id} data-active={item.active}>
            <View className="admin-card__head">
              <Text>
                {POINTS_MALL_KIND_TEXT[item.kind]} ·{' '}
                {item.kind === 'GIFT' ? `SKU ${item.skuId}` : `券模板 ${item.couponTemplateId}`}
              </Text>
              <Text className="admin-card__status">{item.active ? '上架中' : '已下架'}</Text>
            </View>
            <Text className="admin-card__title">{item.title}</Text>
            <Text className="admin-card__row">
              {pointsPriceText(item)} · 每人限兑 {item.perUserLimit} 件
            </Text>
            <Text className="admin-card__row">
              库存 {item.stock} · 已兑换 {item.redeemed}
              {item.subtitle ? ` · ${item.subtitle}` : ''}
            </Text>
            <View className="admin-actions">
              <Button className="admin-button admin-points-mall__edit" onClick={() => setEditing(item.id)}>
                编辑
              </Button>
            </View>
          </View>
        ),
      )}
    </AdminGate>
  );
}
