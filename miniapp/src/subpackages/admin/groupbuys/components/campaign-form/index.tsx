import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { formatFen, type CampaignResultView } from '@weshop/shared';
import { getAdminProduct } from '../../../../../api/admin';
import { createCampaign } from '../../../../../api/admin-groupbuy';
import { errorMessage } from '../../../../../api/client';
import { specsText } from '../../../../../utils/order-status';
import {
  Chips,
  CommissionChips,
  Field,
  FormErrors,
  Messages,
  TextInput,
  Toggle,
  type Errors,
} from '../../../components/console-form';
import { useConsoleForm } from '../../../components/console-form/use-console-form';
import {
  campaignIssuesOf,
  campaignShownPaths,
  DURATION_PRESETS,
  emptyCampaignForm,
  formToCampaign,
  GROUP_SIZES,
  requestIndexes,
  skuRowsOf,
  type CampaignForm,
  type SkuRowForm,
} from '../../campaign-form';
import './index.scss';

function SkuRow(props: {
  row: SkuRowForm;
  index: number | undefined;
  errors: Errors;
  onChange: (r: SkuRowForm) => void;
}) {
  const { row, index, errors } = props;
  const set = (patch: Partial<SkuRowForm>) => props.onChange({ ...row, ...patch });
  const groupPath = `skus.${index}.groupPrice`;
  const leaderPath = `skus.${index}.leaderPrice`;
  return (
    <View className={`campaign-sku ${row.included ? '' : 'campaign-sku--off'}`} data-sku={row.skuId}>
      <View className="campaign-sku__head">
        <Text className="campaign-sku__name">
          {specsText(row.specs) || '默认规格'} · 售价 {formatFen(row.price)} · 库存 {row.stock}
        </Text>
        <Toggle checked={row.included} onChange={(v) => set({ included: v })} />
      </View>
      {row.included && index !== undefined ? (
        <>
          <Field path={groupPath} label="拼团价" errors={errors}>
            <TextInput value={row.groupPrice} suffix="元" onInput={(v) => set({ groupPrice: v })} />
          </Field>
          <Field path={leaderPath} label="团长价" hint="选填：开团的团长付这个价" errors={errors}>
            <TextInput value={row.leaderPrice} suffix="元" onInput={(v) => set({ leaderPrice: v })} />
          </Field>
        </>
      ) : null}
    </View>
  );
}

/**
 * 新建拼团活动: every field of the contract's CampaignCreateRequest. 读取商品 loads the product's SKUs
 * (the merchant's view) so each can get its group price and 团长价.
 */
export function CampaignFormCard({
  onCreated,
  onCancel,
}: {
  onCreated: (c: CampaignResultView) => void;
  onCancel: () => void;
}) {
  const { form, set, setForm, setIssues, errors, top, busy, submit } = useConsoleForm<CampaignForm, CampaignResultView>(
    {
      initial: () => emptyCampaignForm(new Date()),
      shownPaths: campaignShownPaths,
      prepare: (f) => {
        const result = formToCampaign(f);
        return result.ok ? () => createCampaign(result.request) : result.issues;
      },
      savedToast: '活动已创建',
      issuesOf: (e) => campaignIssuesOf(e),
      onSaved: (created) => {
        if (created) onCreated(created);
      },
    },
  );
  const [loadingProduct, setLoadingProduct] = useState(false);
  const indexes = requestIndexes(form);

  const loadProduct = async () => {
    const id = form.productId.trim();
    if (!/^\d{1,10}$/.test(id) || loadingProduct) {
      setIssues([{ path: 'productId', message: '请填写商品编号' }]);
      return;
    }
    setLoadingProduct(true);
    try {
      const product = await getAdminProduct(id);
      setForm((f) => ({
        ...f,
        productTitle: product.title,
        skus: skuRowsOf(product),
        title: f.title.trim() ? f.title : `${product.title} 拼团`.slice(0, 64),
      }));
      setIssues([]);
    } catch (e) {
      setIssues([{ path: 'productId', message: errorMessage(e) }]);
    } finally {
      setLoadingProduct(false);
    }
  };

  return (
    <View className="admin-card campaign-form">
      <Text className="console-form__title">新建拼团活动</Text>
      <FormErrors messages={top} />

      <Field path="productId" label="商品编号" errors={errors}>
        <TextInput value={form.productId} type="number" onInput={(v) => set({ productId: v })} />
        <Button
          className="admin-button campaign-form__load"
          disabled={loadingProduct || undefined}
          onClick={() => void loadProduct()}
        >
          读取商品
        </Button>
      </Field>
      {form.productTitle !== null ? <Text className="campaign-form__product">{form.productTitle}</Text> : null}
      <View className="campaign-form__skus" data-path="skus">
        <Messages messages={errors.skus ?? []} />
        {form.skus.map((row) => (
          <SkuRow
            key={row.skuId}
            row={row}
            index={indexes.get(row.skuId)}
            errors={errors}
            onChange={(r) => set({ skus: form.skus.map((x) => (x.skuId === r.skuId ? r : x)) })}
          />
        ))}
      </View>

      <Field path="title" label="活动名称" errors={errors}>
        <TextInput value={form.title} type="text" wide placeholder="如 双人拼团" onInput={(v) => set({ title: v })} />
      </Field>
      <Field path="groupSize" label="成团人数" hint="2-10 人" errors={errors}>
        <Chips
          options={GROUP_SIZES.map((n) => ({ key: n, label: `${n}人` }))}
          value={form.groupSize}
          onChange={(n) => set({ groupSize: n })}
        />
      </Field>
      <Field path="durationMinutes" label="成团时限" hint="团长付款后开始计时，5 分钟到 7 天" errors={errors}>
        <TextInput
          value={form.durationMinutes}
          type="number"
          suffix="分钟"
          onInput={(v) => set({ durationMinutes: v })}
        />
      </Field>
      <Chips
        options={DURATION_PRESETS.map((d) => ({ key: String(d.minutes), label: d.label }))}
        value={form.durationMinutes.trim()}
        onChange={(m) => set({ durationMinutes: m })}
      />
      <Field path="startsAt" label="开始时间" errors={errors}>
        <TextInput
          value={form.startsAt}
          type="text"
          wide
          placeholder="2026-11-24 10:00"
          onInput={(v) => set({ startsAt: v })}
        />
      </Field>
      <Field path="endsAt" label="结束时间" errors={errors}>
        <TextInput
          value={form.endsAt}
          type="text"
          wide
          placeholder="2026-12-01 10:00"
          onInput={(v) => set({ endsAt: v })}
        />
      </Field>
      <Field path="quota" label="活动名额" hint="本活动最多卖出的件数（与库存分开）" errors={errors}>
        <TextInput value={form.quota} type="number" suffix="件" onInput={(v) => set({ quota: v })} />
      </Field>
      <Field path="perOrderLimit" label="每单限购" errors={errors}>
        <TextInput value={form.perOrderLimit} type="number" suffix="件" onInput={(v) => set({ perOrderLimit: v })} />
      </Field>
      <Field path="perUserLimit" label="每人限购" errors={errors}>
        <TextInput value={form.perUserLimit} type="number" suffix="件" onInput={(v) => set({ perUserLimit: v })} />
      </Field>
      <Field path="newCustomersOnly" label="仅限新客" hint="没有付款订单的用户才能参加" errors={errors}>
        <Toggle checked={form.newCustomersOnly} onChange={(v) => set({ newCustomersOnly: v })} />
      </Field>
      <Field path="autoComplete" label="模拟成团" hint="到时未满员时，付款人数达到比例即自动成团" errors={errors}>
        <Toggle checked={form.autoComplete} onChange={(v) => set({ autoComplete: v })} />
      </Field>
      {form.autoComplete ? (
        <Field path="autoCompleteMinPaidBp" label="最低付款比例" hint="已付款人数 ÷ 成团人数" errors={errors}>
          <TextInput value={form.autoCompleteMinPaid} suffix="%" onInput={(v) => set({ autoCompleteMinPaid: v })} />
        </Field>
      ) : null}
      <Field path="earnsCommission" label="分销计佣" errors={errors}>
        <CommissionChips value={form.earnsCommission} onChange={(v) => set({ earnsCommission: v })} />
      </Field>

      <View className="admin-actions">
        <Button className="admin-button" onClick={onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary campaign-form__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          创建活动
        </Button>
      </View>
    </View>
  );
}
