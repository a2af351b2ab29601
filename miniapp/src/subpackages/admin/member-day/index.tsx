import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { MemberDaySettings, MemberLevelView } from '@weshop/shared';
import { getMemberDaySettings, listMemberLevels, saveMemberDaySettings } from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AdminGate } from '../components/admin-gate';
import { MarketingConsoleTabs } from '../components/admin-tabs';
import { Chips, Field, FormErrors, RowCard, SectionHead, TextInput, Toggle } from '../components/console-form';
import { useConsoleForm, type ConsoleSubmission } from '../components/console-form/use-console-form';
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
  const [levels, setLevels] = useState<MemberLevelView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const {
    form,
    setForm,
    errors,
    top,
    busy,
    submit: save,
  } = useConsoleForm({
    initial: (): MemberDayForm | null => null,
    shownPaths: (f) => (f ? memberDayShownPaths(f) : new Set<string>()),
    prepare: (f): ConsoleSubmission<MemberDaySettings> => {
      if (!f) return 'unchanged';
      const result = formToMemberDay(f);
      return result.ok ? () => saveMemberDaySettings(result.request) : result.issues;
    },
    savedToast: '已保存',
    issuesOf: (e, f) => (f ? memberDayIssuesOf(e, f) : []),
    onSaved: (saved) => saved && setForm(memberDayFormOf(saved)),
  });
  useDidShow(() => {
    Promise.all([getMemberDaySettings(), listMemberLevels()])
      .then(([settings, list]) => {
        setForm(memberDayFormOf(settings));
        setLevels(list.items);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  });
  if (loadError) return <Empty text={loadError} />;
  if (!form) return <View className="console-loading">加载中…</View>;
  const set = (patch: Partial<MemberDayForm>) => setForm({ ...form, ...patch });

  return (
    <AdminGate>
      <MarketingConsoleTabs active="member-day" />
      <View className="admin-card member-day-form">
        <FormErrors messages={top} />
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
