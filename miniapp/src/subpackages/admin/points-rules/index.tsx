import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { POINTS_TASK_LABELS, POINTS_TASKS, type PointsRules } from '@weshop/shared';
import { getPointsRules, savePointsRules } from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AdminGate } from '../components/admin-gate';
import { MarketingConsoleTabs } from '../components/admin-tabs';
import { Chips, Field, FormErrors, SectionHead, TextInput, Toggle } from '../components/console-form';
import { useConsoleForm, type ConsoleSubmission } from '../components/console-form/use-console-form';
import { formToPointsRules, POINTS_RULES_PATHS, pointsRulesFormOf, type PointsRulesForm } from './points-rules-form';

/** 积分规则: earning, cash deduction at checkout, sign-in, expiry and task points. */
export default function AdminPointsRulesPage() {
  const [loadError, setLoadError] = useState<string | null>(null);
  const {
    form,
    setForm,
    errors,
    top,
    busy,
    submit: save,
  } = useConsoleForm({
    initial: (): PointsRulesForm | null => null,
    shownPaths: () => POINTS_RULES_PATHS,
    prepare: (f): ConsoleSubmission<PointsRules> => {
      if (!f) return 'unchanged';
      const result = formToPointsRules(f);
      return result.ok ? () => savePointsRules(result.rules) : result.issues;
    },
    savedToast: '已保存',
    onSaved: (saved) => saved && setForm(pointsRulesFormOf(saved)),
  });
  useDidShow(() => {
    getPointsRules()
      .then((rules) => setForm(pointsRulesFormOf(rules)))
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  });

  if (loadError) return <Empty text={loadError} />;
  if (!form) return <View className="console-loading">加载中…</View>;
  const set = (patch: Partial<PointsRulesForm>) => setForm({ ...form, ...patch });
  const num = (key: keyof PointsRulesForm, path: string, label: string, suffix?: string, hint?: string) => (
    <Field path={path} label={label} hint={hint} errors={errors}>
      <TextInput
        value={form[key] as string}
        type="number"
        suffix={suffix}
        onInput={(v) => set({ [key]: v } as Partial<PointsRulesForm>)}
      />
    </Field>
  );

  return (
    <AdminGate>
      <MarketingConsoleTabs active="points-rules" />
      <View className="admin-card points-rules-form">
        <FormErrors messages={top} />
        <SectionHead title="购物得积分" />
        {num('earnPointsPerYuan', 'earn.pointsPerYuan', '每实付 1 元得', '积分', '售后期结束前冻结')}
        <Field path="earn.excludeActivityGoods" label="活动商品不得积分" hint="拼团、秒杀价购买的商品" errors={errors}>
          <Toggle checked={form.excludeActivityGoods} onChange={(v) => set({ excludeActivityGoods: v })} />
        </Field>
        <Field path="earn.birthdayMultiplierBp" label="生日当天积分" hint="1 表示不加倍" errors={errors}>
          <TextInput value={form.birthdayMultiplier} suffix="倍" onInput={(v) => set({ birthdayMultiplier: v })} />
        </Field>

        <SectionHead title="积分抵现" />
        {num('deductionPointsPerYuan', 'deduction.pointsPerYuan', '多少积分抵 1 元', '积分')}
        <Field path="deduction.maxShareBp" label="最多抵扣商品金额的" errors={errors}>
          <TextInput value={form.maxShare} suffix="%" onInput={(v) => set({ maxShare: v })} />
        </Field>
        {num('minUnit', 'deduction.minUnit', '抵扣积分需为', '的倍数')}
        <Field path="deduction.combineWithCoupon" label="可与优惠券同用" errors={errors}>
          <Toggle checked={form.combineWithCoupon} onChange={(v) => set({ combineWithCoupon: v })} />
        </Field>

        <SectionHead title="签到" />
        <Field path="signIn.cycle" label="签到周期" errors={errors}>
          <Chips
            options={[
              { key: 'WEEKLY', label: '每周' },
              { key: 'MONTHLY', label: '每月' },
            ]}
            value={form.cycle}
            onChange={(cycle) => set({ cycle })}
          />
        </Field>
        {num('dailyPoints', 'signIn.dailyPoints', '每天签到得', '积分')}
        {num('bonusDay', 'signIn.bonusDay', '连续签到第', '天加奖')}
        {num('bonusPoints', 'signIn.bonusPoints', '连签奖励', '积分')}

        <SectionHead title="过期" />
        {num('yearsAfter', 'expiry.yearsAfter', '获得后第几年年底过期', '年', '0 表示当年年底')}
        {num('noticeDays', 'expiry.noticeDays', '提前提醒', '天')}

        <SectionHead title="积分任务" />
        {POINTS_TASKS.map((task) => (
          <Field key={task} path={`tasks.${task}`} label={POINTS_TASK_LABELS[task]} hint="0 表示关闭" errors={errors}>
            <TextInput
              value={form.tasks[task]}
              type="number"
              suffix="积分"
              onInput={(v) => set({ tasks: { ...form.tasks, [task]: v } })}
            />
          </Field>
        ))}
        <Text className="console-field__hint">规则保存后对之后的订单、签到生效</Text>
      </View>
      <Button
        className="admin-button admin-button--primary console-save points-rules-form__save"
        disabled={busy || undefined}
        onClick={() => void save()}
      >
        保存积分规则
      </Button>
    </AdminGate>
  );
}
