import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FieldIssue } from '@weshop/shared';
import { getDistributionSettings, saveDistributionSettings } from '../../../api/admin-distribution';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AdminGate } from '../components/admin-gate';
import { DistributionConsoleTabs } from '../components/admin-tabs';
import {
  emptyTier,
  formToSettings,
  issuesOf,
  MAX_TIERS,
  placeIssues,
  settingsToForm,
  shownPaths,
  type SettingsForm,
  type TierForm,
} from './settings-form';
import './index.scss';

type Errors = Record<string, string[]>;

/** A labelled row; the server's (or the form's) messages for `path` show under it. */
function Field(props: { path: string; label: string; hint?: string; errors: Errors; children: ReactNode }) {
  const messages = props.errors[props.path] ?? [];
  return (
    <View className={`settings-field ${messages.length ? 'settings-field--invalid' : ''}`} data-path={props.path}>
      <View className="settings-field__row">
        <Text className="settings-field__label">{props.label}</Text>
        <View className="settings-field__control">{props.children}</View>
      </View>
      {props.hint ? <Text className="settings-field__hint">{props.hint}</Text> : null}
      {messages.map((m) => (
        <Text key={m} className="settings-field__error">
          {m}
        </Text>
      ))}
    </View>
  );
}

function TextInput(props: { value: string; suffix?: string; placeholder?: string; onInput: (v: string) => void }) {
  return (
    <View className="settings-input">
      <Input
        className="settings-input__field"
        type="digit"
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      {props.suffix ? <Text className="settings-input__suffix">{props.suffix}</Text> : null}
    </View>
  );
}

function Toggle(props: { checked: boolean; onChange: (v: boolean) => void }) {
  return <Switch checked={props.checked} color="#e93b3d" onChange={(e) => props.onChange(e.detail.value)} />;
}

function Chips<K extends string | number>(props: {
  options: ReadonlyArray<{ key: K; label: string }>;
  value: K;
  onChange: (k: K) => void;
}) {
  return (
    <View className="admin-chips settings-chips">
      {props.options.map((o) => (
        <View
          key={String(o.key)}
          className={`admin-chip ${props.value === o.key ? 'admin-chip--active' : ''}`}
          data-value={String(o.key)}
          onClick={() => props.onChange(o.key)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

function TierCard(props: {
  index: number;
  tier: TierForm;
  errors: Errors;
  onChange: (t: TierForm) => void;
  onRemove: () => void;
}) {
  const { index: i, tier, errors } = props;
  const set = (patch: Partial<TierForm>) => props.onChange({ ...tier, ...patch });
  const own = errors[`tiers.${i}`] ?? [];
  return (
    <View className="settings-tier" data-path={`tiers.${i}`}>
      <View className="settings-tier__head">
        <Text>等级 {i + 1}</Text>
        <Text className="settings-tier__remove" onClick={props.onRemove}>
          删除
        </Text>
      </View>
      {own.map((m) => (
        <Text key={m} className="settings-field__error">
          {m}
        </Text>
      ))}
      <Field path={`tiers.${i}.name`} label="名称" errors={errors}>
        <Input
          className="settings-input__field settings-input__field--text"
          value={tier.name}
          maxlength={16}
          placeholder="如 银牌"
          onInput={(e) => set({ name: e.detail.value })}
        />
      </Field>
      <Field path={`tiers.${i}.minSales`} label="升级门槛" hint="个人销售额（已结算、扣除退款）" errors={errors}>
        <TextInput value={tier.minSales} suffix="元" onInput={(v) => set({ minSales: v })} />
      </Field>
      <Field path={`tiers.${i}.l1RateBp`} label="一级佣金" hint="留空使用店铺默认" errors={errors}>
        <TextInput value={tier.l1} suffix="%" onInput={(v) => set({ l1: v })} />
      </Field>
      <Field path={`tiers.${i}.l2RateBp`} label="二级佣金" hint="留空使用店铺默认" errors={errors}>
        <TextInput value={tier.l2} suffix="%" onInput={(v) => set({ l2: v })} />
      </Field>
    </View>
  );
}

/** 分销设置: every field of the shop's distribution settings; refusals are shown field by field. */
export default function AdminDistributionSettingsPage() {
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getDistributionSettings()
      .then((s) => setForm(settingsToForm(s)))
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, []);

  const placed = useMemo(
    () => (form ? placeIssues(issues, shownPaths(form)) : { byPath: {}, top: [] }),
    [form, issues],
  );

  if (loadError) return <Empty text={loadError} />;
  if (!form) return <View className="settings-loading">加载中…</View>;

  const set = (patch: Partial<SettingsForm>) => setForm({ ...form, ...patch });
  const errors = placed.byPath;

  const save = async () => {
    if (busy) return;
    const result = formToSettings(form);
    if (!result.ok) {
      setIssues(result.issues);
      void Taro.showToast({ title: '请检查标红的项', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const saved = await saveDistributionSettings(result.settings);
      setForm(settingsToForm(saved));
      setIssues([]);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      const refused = issuesOf(e);
      setIssues(refused);
      const onFields = refused.some((i) => i.path !== '');
      void Taro.showToast({ title: onFields ? '设置未保存，请查看标红的项' : errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminGate>
      <DistributionConsoleTabs active="distribution-settings" />
      <View className="settings">
        {placed.top.length ? (
          <View className="settings-errors">
            {placed.top.map((m) => (
              <Text key={m} className="settings-errors__item">
                {m}
              </Text>
            ))}
          </View>
        ) : null}

        <View className="admin-card settings-section">
          <Text className="settings-section__title">佣金</Text>
          <Field path="enabled" label="开启分销" errors={errors}>
            <Toggle checked={form.enabled} onChange={(v) => set({ enabled: v })} />
          </Field>
          <Field path="levels" label="分佣层级" hint="最多两级（平台规则）" errors={errors}>
            <Chips
              options={[
                { key: 1, label: '一级' },
                { key: 2, label: '两级' },
              ]}
              value={form.levels}
              onChange={(v) => set({ levels: v })}
            />
          </Field>
          <Field path="l1RateBp" label="一级佣金比例" hint="按订单行实付金额计算" errors={errors}>
            <TextInput value={form.l1} suffix="%" onInput={(v) => set({ l1: v })} />
          </Field>
          <Field path="l2RateBp" label="二级佣金比例" errors={errors}>
            <TextInput value={form.l2} suffix="%" onInput={(v) => set({ l2: v })} />
          </Field>
          <Field path="selfPurchaseCommission" label="自购返佣" hint="分销员自己下单也计佣金" errors={errors}>
            <Toggle checked={form.selfPurchaseCommission} onChange={(v) => set({ selfPurchaseCommission: v })} />
          </Field>
          <Field path="activityGoodsEarn" label="活动商品计佣" hint="拼团、秒杀等活动未单独设置时" errors={errors}>
            <Toggle checked={form.activityGoodsEarn} onChange={(v) => set({ activityGoodsEarn: v })} />
          </Field>
        </View>

        <View className="admin-card settings-section">
          <Text className="settings-section__title">申请条件</Text>
          <Field path="application.autoApprove" label="自动通过" errors={errors}>
            <Toggle checked={form.autoApprove} onChange={(v) => set({ autoApprove: v })} />
          </Field>
          <Field
            path="application.minSpend"
            label="累计消费门槛"
            hint="0 为无门槛；成为分销员不收任何费用"
            errors={errors}
          >
            <TextInput value={form.minSpend} suffix="元" onInput={(v) => set({ minSpend: v })} />
          </Field>
        </View>

        <View className="admin-card settings-section">
          <Text className="settings-section__title">客户绑定</Text>
          <Field path="binding.mode" label="绑定方式" errors={errors}>
            <Chips
              options={[
                { key: 'FIRST_TOUCH', label: '首次绑定' },
                { key: 'LAST_TOUCH', label: '最后绑定' },
              ]}
              value={form.bindingMode}
              onChange={(v) => set({ bindingMode: v })}
            />
          </Field>
          <Field path="binding.protectionDays" label="保护期" hint="0 为永久" errors={errors}>
            <TextInput value={form.protectionDays} suffix="天" onInput={(v) => set({ protectionDays: v })} />
          </Field>
          <Field path="binding.newUsersOnly" label="仅绑定新用户" errors={errors}>
            <Toggle checked={form.newUsersOnly} onChange={(v) => set({ newUsersOnly: v })} />
          </Field>
        </View>

        <View className="admin-card settings-section">
          <Text className="settings-section__title">提现</Text>
          <Field path="withdrawal.minAmount" label="单笔最低" errors={errors}>
            <TextInput value={form.minAmount} suffix="元" onInput={(v) => set({ minAmount: v })} />
          </Field>
          <Field path="withdrawal.dailyCap" label="每日上限" errors={errors}>
            <TextInput value={form.dailyCap} suffix="元" onInput={(v) => set({ dailyCap: v })} />
          </Field>
          <Field path="withdrawal.reviewRequired" label="提现需审核" errors={errors}>
            <Toggle checked={form.reviewRequired} onChange={(v) => set({ reviewRequired: v })} />
          </Field>
        </View>

        <View className="admin-card settings-section" data-path="tiers">
          <Text className="settings-section__title">分销员等级</Text>
          <Text className="settings-field__hint">按个人销售额升级；等级只影响佣金比例，不按团队人数或业绩奖励</Text>
          {(errors.tiers ?? []).map((m) => (
            <Text key={m} className="settings-field__error">
              {m}
            </Text>
          ))}
          {form.tiers.map((tier, i) => (
            <TierCard
              key={i}
              index={i}
              tier={tier}
              errors={errors}
              onChange={(t) => set({ tiers: form.tiers.map((x, j) => (j === i ? t : x)) })}
              onRemove={() => {
                set({ tiers: form.tiers.filter((_, j) => j !== i) });
                setIssues([]);
              }}
            />
          ))}
          {form.tiers.length < MAX_TIERS ? (
            <Button
              className="admin-button settings-tier__add"
              onClick={() => set({ tiers: [...form.tiers, emptyTier()] })}
            >
              添加等级
            </Button>
          ) : null}
        </View>

        <Button
          className="admin-button admin-button--primary settings-save"
          disabled={busy || undefined}
          onClick={() => void save()}
        >
          保存设置
        </Button>
      </View>
    </AdminGate>
  );
}
