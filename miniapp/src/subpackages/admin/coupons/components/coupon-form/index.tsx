import { Button, Text, View } from '@tarojs/components';
import { COUPON_CHANNELS, COUPON_KINDS, COUPON_SCOPES, type CouponTemplateAdminView } from '@weshop/shared';
import { createCouponTemplate, updateCouponTemplate } from '../../../../../api/admin-marketing';
import { Chips, Field, FormErrors, TextInput, Toggle } from '../../../components/console-form';
import { useConsoleForm } from '../../../components/console-form/use-console-form';
import {
  COUPON_CHANNEL_TEXT,
  COUPON_KIND_TEXT,
  COUPON_SCOPE_TEXT,
  couponEditFormOf,
  couponPatchOf,
  couponShownPaths,
  emptyCouponForm,
  formToCouponTemplate,
  type CouponEditForm,
  type CouponForm,
} from '../../coupon-form';

/** 新建优惠券: kind and value, scope, validity, quantities, channel and stacking; refusals on their fields. */
export function CouponFormCard(props: { onCreated: (t: CouponTemplateAdminView) => void; onCancel: () => void }) {
  const { form, set, errors, top, busy, submit } = useConsoleForm({
    initial: () => emptyCouponForm(new Date()),
    shownPaths: couponShownPaths,
    prepare: (f: CouponForm) => {
      const result = formToCouponTemplate(f);
      return result.ok ? () => createCouponTemplate(result.request) : result.issues;
    },
    savedToast: '优惠券已创建',
    failedMessage: '创建失败，请稍后再试',
    onSaved: (created) => created && props.onCreated(created),
  });

  return (
    <View className="admin-card coupon-form" data-kind={form.kind}>
      <Text className="console-form__title">新建优惠券</Text>
      <FormErrors messages={top} />
      <Field path="name" label="券名称" errors={errors}>
        <TextInput value={form.name} type="text" wide placeholder="如 新品满减券" onInput={(v) => set({ name: v })} />
      </Field>
      <Field path="kind" label="类型" errors={errors}>
        <Chips
          options={COUPON_KINDS.map((k) => ({ key: k, label: COUPON_KIND_TEXT[k] }))}
          value={form.kind}
          onChange={(kind) => set({ kind })}
        />
      </Field>
      {form.kind !== 'NO_THRESHOLD' ? (
        <Field
          path="threshold"
          label="使用门槛"
          hint={form.kind === 'PERCENT_OFF' ? '满多少元可用，留空不限' : '满多少元可用'}
          errors={errors}
        >
          <TextInput value={form.threshold} suffix="元" onInput={(v) => set({ threshold: v })} />
        </Field>
      ) : null}
      {form.kind === 'PERCENT_OFF' ? (
        <>
          <Field path="percentBp" label="折扣" hint="如 8.5 表示 8.5 折" errors={errors}>
            <TextInput value={form.zhe} suffix="折" onInput={(v) => set({ zhe: v })} />
          </Field>
          <Field path="cap" label="最高抵扣" errors={errors}>
            <TextInput value={form.cap} suffix="元" onInput={(v) => set({ cap: v })} />
          </Field>
        </>
      ) : (
        <Field
          path="amount"
          label="面额"
          hint={form.kind === 'AMOUNT_OFF' ? '不超过使用门槛' : undefined}
          errors={errors}
        >
          <TextInput value={form.amount} suffix="元" onInput={(v) => set({ amount: v })} />
        </Field>
      )}
      <Field path="scope" label="适用商品" errors={errors}>
        <Chips
          options={COUPON_SCOPES.map((s) => ({ key: s, label: COUPON_SCOPE_TEXT[s] }))}
          value={form.scope}
          onChange={(scope) => set({ scope })}
        />
      </Field>
      {form.scope !== 'ALL' ? (
        <Field
          path="scopeIds"
          label={form.scope === 'CATEGORIES' ? '分类编号' : '商品编号'}
          hint="多个用逗号分隔"
          errors={errors}
        >
          <TextInput value={form.scopeIds} type="text" wide onInput={(v) => set({ scopeIds: v })} />
        </Field>
      ) : null}
      <Field path="validity" label="有效期" errors={errors}>
        <Chips
          options={[
            { key: 'DAYS', label: '领取后 N 天' },
            { key: 'FIXED', label: '固定时间段' },
          ]}
          value={form.validity}
          onChange={(validity) => set({ validity })}
        />
      </Field>
      {form.validity === 'DAYS' ? (
        <Field path="validDays" label="领取后" errors={errors}>
          <TextInput value={form.validDays} type="number" suffix="天内有效" onInput={(v) => set({ validDays: v })} />
        </Field>
      ) : (
        <>
          <Field path="validFrom" label="生效时间" errors={errors}>
            <TextInput value={form.validFrom} type="text" wide onInput={(v) => set({ validFrom: v })} />
          </Field>
          <Field path="validTo" label="失效时间" errors={errors}>
            <TextInput value={form.validTo} type="text" wide onInput={(v) => set({ validTo: v })} />
          </Field>
        </>
      )}
      <Field path="totalQuantity" label="发行总量" errors={errors}>
        <TextInput value={form.totalQuantity} type="number" suffix="张" onInput={(v) => set({ totalQuantity: v })} />
      </Field>
      <Field path="perUserLimit" label="每人限领" errors={errors}>
        <TextInput value={form.perUserLimit} type="number" suffix="张" onInput={(v) => set({ perUserLimit: v })} />
      </Field>
      <Field path="channel" label="发放渠道" errors={errors}>
        <Chips
          options={COUPON_CHANNELS.map((c) => ({ key: c, label: COUPON_CHANNEL_TEXT[c] }))}
          value={form.channel}
          onChange={(channel) => set({ channel })}
        />
      </Field>
      {form.channel === 'COMMUNITY' ? (
        <Field path="communityId" label="社群编号" errors={errors}>
          <TextInput value={form.communityId} type="number" onInput={(v) => set({ communityId: v })} />
        </Field>
      ) : null}
      <Field path="stackWithPromotions" label="可与促销同享" hint="关闭后，用了促销价的订单不能用此券" errors={errors}>
        <Toggle checked={form.stackWithPromotions} onChange={(v) => set({ stackWithPromotions: v })} />
      </Field>
      <View className="admin-actions">
        <Button className="admin-button" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary coupon-form__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          创建优惠券
        </Button>
      </View>
    </View>
  );
}

const EDIT_PATHS = new Set(['name', 'totalQuantity', 'perUserLimit']);

/** 编辑 a template: its name, total quantity and per-person limit (value, scope and validity are fixed). */
export function CouponEditForm(props: {
  template: CouponTemplateAdminView;
  onSaved: (t: CouponTemplateAdminView) => void;
  onCancel: () => void;
}) {
  const {
    form,
    set,
    errors,
    top,
    busy,
    submit: save,
  } = useConsoleForm({
    initial: () => couponEditFormOf(props.template),
    shownPaths: () => EDIT_PATHS,
    prepare: (f: CouponEditForm) => {
      const result = couponPatchOf(props.template, f);
      return result.ok ? () => updateCouponTemplate(props.template.id, result.body) : result.issues;
    },
    savedToast: '已保存',
    onSaved: (saved) => saved && props.onSaved(saved),
  });
  return (
    <View className="admin-form coupon-edit">
      <FormErrors messages={top} />
      <Field path="name" label="券名称" errors={errors}>
        <TextInput value={form.name} type="text" wide onInput={(v) => set({ name: v })} />
      </Field>
      <Field path="totalQuantity" label="发行总量" hint="不能少于已领取的张数" errors={errors}>
        <TextInput value={form.totalQuantity} type="number" suffix="张" onInput={(v) => set({ totalQuantity: v })} />
      </Field>
      <Field path="perUserLimit" label="每人限领" errors={errors}>
        <TextInput value={form.perUserLimit} type="number" suffix="张" onInput={(v) => set({ perUserLimit: v })} />
      </Field>
      <View className="admin-actions">
        <Button className="admin-button" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary coupon-edit__save"
          disabled={busy || undefined}
          onClick={() => void save()}
        >
          保存
        </Button>
      </View>
    </View>
  );
}
