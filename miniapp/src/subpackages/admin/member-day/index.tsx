import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { FieldIssue, MemberLevelView } from '@weshop/shared';
import { getMemberDaySettings, listMemberLevels, saveMemberDaySettings } from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { placeIssues } from '../distribution-settings/settings-form';
import { AdminGate } from '../components/admin-gate';
import { MarketingConsoleTabs } from '../components/admin-tabs';
import { Chips, Field, FormErrors, RowCard, SectionHead, TextInput, Toggle } from '../components/console-form';
import {
  dayOptions,
  formToMemberDay,
  MAX_PRICES,
  memberDayFormOf,
  memberDayIssuesOf,
  memberDayShownPaths,
  toggleDay,
  toggleLevel,
  withKind,
  type MemberDayForm,
} from './member-day-form';

/** 会员日: the schedule, the levels entitled, the points multiplier and member-day prices per SKU. */
export default function AdminMemberDayPage() {
  const [form, setForm] = useState<MemberDayForm | null>(null);
  const [levels, setLevels] = useState<MemberLevelView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    Promise.all([getMemberDaySettings(), listMemberLevels()])
      .then(([settings, list]) => {
        setForm(memberDayFormOf(settings));
        setLevels(list.items);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  });
  const placed = useMemo(
    () => (form ? placeIssues(issues, memberDayShownPaths(form)) : { byPath: {}, top: [] }),
    [form, issues],
  );

  if (loadError) return <Empty text={loadError} />;
  if (!form) return <View className="console-loading">加载中…</View>;
  const errors = placed.byPath;
  const set = (patch: Partial<MemberDayForm>) => setForm({ ...form, ...patch });

  const save = async () => {
    if (busy) return;
    const result = formToMemberDay(form);
    if (!result.ok) {
      setIssues(result.issues);
      void Taro.showToast({ title: '请检查标红的项', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      setForm(memberDayFormOf(await saveMemberDaySettings(result.request)));
      setIssues([]);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      const refused = memberDayIssuesOf(e, form);
      setIssues(refused);
      void Taro.showToast({ title: refused.some((i) => i.path) ? '请查看标红的项' : errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminGate>
      <MarketingConsoleTabs active="member-day" />
      <View className="admin-card member-day-form">
        <FormErrors messages={placed.top} />
        <Field path="enabled" label="开启会员日" errors={errors}>
          <Toggle checked={form.enabled} onChange={(v) => set({ enabled: v })} />
        </Field>
        <Field path="kind" label="周期" hint="按店铺所在时区；某月没有的日期落在当月最后一天" errors={errors}>
          <Chips
            options={[
              { key: 'WEEKLY', label: '每周' },
              { key: 'MONTHLY', label: '每月' },
            ]}
            value={form.kind}
            onChange={(kind) => setForm(withKind(form, kind))}
          />
        </Field>
        <Field path="days" label="会员日" errors={errors}>
          <Chips
            options={dayOptions(form.kind)}
            value={form.days}
            onChange={(d) => set({ days: toggleDay(form.days, d) })}
          />
        </Field>
        <Field path="levelIds" label="参与等级" hint="不选则所有可参加会员日的等级" errors={errors}>
          <Chips
            options={levels.map((l) => ({ key: l.id, label: l.name }))}
            value={form.levelIds}
            onChange={(id) => set({ levelIds: toggleLevel(form.levelIds, id) })}
          />
        </Field>
        <Field path="pointsMultiplierBp" label="积分倍数" hint="会员日购物积分乘以此倍数，1 表示不加倍" errors={errors}>
          <TextInput value={form.multiplier} suffix="倍" onInput={(v) => set({ multiplier: v })} />
        </Field>
        <SectionHead
          title="会员日价"
          addLabel="+ 添加 SKU"
          onAdd={
            form.prices.length < MAX_PRICES
              ? () => set({ prices: [...form.prices, { skuId: '', price: '' }] })
              : undefined
          }
        />
        <View data-path="prices">
          <FormErrors messages={errors.prices ?? []} />
        </View>
        {form.prices.map((row, i) => {
          const put = (patch: Partial<typeof row>) =>
            set({ prices: form.prices.map((p, j) => (j === i ? { ...row, ...patch } : p)) });
          return (
            <RowCard
              key={i}
              path={`prices.${i}`}
              title={`SKU ${row.skuId || i + 1}`}
              errors={errors}
              onRemove={() => set({ prices: form.prices.filter((_, j) => j !== i) })}
            >
              <Field path={`prices.${i}.skuId`} label="SKU 编号" errors={errors}>
                <TextInput value={row.skuId} type="number" onInput={(v) => put({ skuId: v })} />
              </Field>
              <Field path={`prices.${i}.price`} label="会员日价" hint="需低于 SKU 售价" errors={errors}>
                <TextInput value={row.price} suffix="元" onInput={(v) => put({ price: v })} />
              </Field>
            </RowCard>
          );
        })}
        {form.prices.length === 0 ? <Text className="console-field__hint">暂无会员日价</Text> : null}
      </View>
      <Button
        className="admin-button admin-button--primary console-save member-day-form__save"
        disabled={busy || undefined}
        onClick={() => void save()}
      >
        保存会员日设置
      </Button>
    </AdminGate>
  );
}
