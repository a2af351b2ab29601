import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PROMOTION_SCOPES, PROMOTION_TYPES, type PromotionView } from '@weshop/shared';
import { getAdminProduct } from '../../../../../api/admin';
import { createPromotion } from '../../../../../api/admin-marketing';
import { errorMessage } from '../../../../../api/client';
import { updatePromotion } from '../../../../../api/promotions';
import {
  Chips,
  CommissionChips,
  commissionText,
  Field,
  FormErrors,
  RowCard,
  SectionHead,
  TextInput,
  Toggle,
  type Errors,
} from '../../../components/console-form';
import { useConsoleForm } from '../../../components/console-form/use-console-form';
import {
  addProductSkus,
  emptyBundleItem,
  emptyFlashSku,
  emptyPromotionForm,
  emptyTier,
  formToPromotion,
  MAX_BUNDLE_ITEMS,
  MAX_FLASH_SKUS,
  MAX_TIERS,
  PROMOTION_SCOPE_TEXT,
  PROMOTION_TYPE_TEXT,
  promotionShownPaths,
  withType,
  type PromotionForm,
} from '../../promotion-form';
import {
  editableInMode,
  formToPromotionPatch,
  promotionEditMode,
  promotionToForm,
  type PromotionEditMode,
} from '../../promotion-edit';

type Patch = (patch: Partial<PromotionForm>) => void;
interface Part {
  form: PromotionForm;
  set: Patch;
  errors: Errors;
  /** Whether the field at a request path can change (a running promotion keeps most of them). */
  can: (path: string) => boolean;
}

/** A value the promotion keeps, shown instead of its input. */
function Fixed({ text }: { text: string }) {
  return <Text className="promotion-form__fixed">{text || '—'}</Text>;
}

/** The console's TextInput, or its value read-only when `locked`. */
function FieldInput({ locked, ...props }: Parameters<typeof TextInput>[0] & { locked: boolean }) {
  if (locked) return <Fixed text={props.value && props.suffix ? `${props.value} ${props.suffix}` : props.value} />;
  return <TextInput {...props} />;
}

/** The console's Toggle, or 是/否 when `locked`. */
function FieldToggle({ locked, ...props }: Parameters<typeof Toggle>[0] & { locked: boolean }) {
  return locked ? <Fixed text={props.checked ? '是' : '否'} /> : <Toggle {...props} />;
}

/** The console's Chips, or the chosen label when `locked`. */
function FieldChoice<K extends string>({ locked, ...props }: Parameters<typeof Chips<K>>[0] & { locked: boolean }) {
  if (!locked) return <Chips {...props} />;
  return <Fixed text={props.options.find((o) => o.key === props.value)?.label ?? ''} />;
}

/** Replaces row `i` of a list. */
const replaced = <T,>(list: T[], i: number, row: T) => list.map((x, j) => (j === i ? row : x));

/** 限时秒杀: SKUs by id (or all of a product's via 读取商品), each with its price, quota and per-person limit. */
function FlashSaleFields({ form, set, errors, can }: Part) {
  const rowsFixed = !can('skus');
  const [productId, setProductId] = useState('');
  const [loading, setLoading] = useState(false);
  const [productError, setProductError] = useState<string | null>(null);
  const load = async () => {
    if (!/^\d{1,10}$/.test(productId.trim()) || loading) {
      setProductError('请填写商品编号');
      return;
    }
    setLoading(true);
    try {
      const product = await getAdminProduct(productId.trim());
      set({
        skus: addProductSkus(form.skus, product),
        title: form.title.trim() ? form.title : `${product.title} 秒杀`,
      });
      setProductError(null);
    } catch (e) {
      setProductError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      {rowsFixed ? null : (
        <Field
          path="productSkus"
          label="按商品添加"
          hint="读取商品后，它的每个规格各占一行"
          errors={productError ? { productSkus: [productError] } : {}}
        >
          <TextInput value={productId} type="number" placeholder="商品编号" onInput={setProductId} />
          <Button
            className="admin-button promotion-form__load"
            disabled={loading || undefined}
            onClick={() => void load()}
          >
            读取商品
          </Button>
        </Field>
      )}
      <SectionHead
        title="秒杀 SKU"
        addLabel="+ 按 SKU 编号添加"
        onAdd={
          !rowsFixed && form.skus.length < MAX_FLASH_SKUS
            ? () => set({ skus: [...form.skus, emptyFlashSku()] })
            : undefined
        }
      />
      <FormErrorsAt errors={errors} path="skus" />
      {form.skus.map((row, i) => {
        const put = (patch: Partial<typeof row>) => set({ skus: replaced(form.skus, i, { ...row, ...patch }) });
        return (
          <RowCard
            key={i}
            path={`skus.${i}`}
            title={row.label ?? `SKU ${i + 1}`}
            errors={errors}
            onRemove={rowsFixed ? undefined : () => set({ skus: form.skus.filter((_, j) => j !== i) })}
          >
            <Field path={`skus.${i}.skuId`} label="SKU 编号" errors={errors}>
              <FieldInput
                locked={!can(`skus.${i}.skuId`)}
                value={row.skuId}
                type="number"
                onInput={(v) => put({ skuId: v, label: null })}
              />
            </Field>
            <Field path={`skus.${i}.price`} label="秒杀价" hint="需低于 SKU 售价" errors={errors}>
              <FieldInput
                locked={!can(`skus.${i}.price`)}
                value={row.price}
                suffix="元"
                onInput={(v) => put({ price: v })}
              />
            </Field>
            <Field
              path={`skus.${i}.quota`}
              label="秒杀库存"
              hint={rowsFixed ? '活动进行中只能增加，不少于已售' : '本活动最多卖出的件数'}
              errors={errors}
            >
              <FieldInput
                locked={!can(`skus.${i}.quota`)}
                value={row.quota}
                type="number"
                suffix="件"
                onInput={(v) => put({ quota: v })}
              />
            </Field>
            <Field path={`skus.${i}.perUserLimit`} label="每人限购" errors={errors}>
              <FieldInput
                locked={!can(`skus.${i}.perUserLimit`)}
                value={row.perUserLimit}
                type="number"
                suffix="件"
                onInput={(v) => put({ perUserLimit: v })}
              />
            </Field>
          </RowCard>
        );
      })}
    </>
  );
}

function FormErrorsAt({ errors, path }: { errors: Errors; path: string }) {
  return (
    <View data-path={path}>
      <FormErrors messages={errors[path] ?? []} />
    </View>
  );
}

/** 适用范围 of 满减, 满赠 and 买X送Y. */
function ScopeFields({ form, set, errors, can }: Part) {
  return (
    <>
      <Field path="scope" label="适用商品" errors={errors}>
        <FieldChoice
          locked={!can('scope')}
          options={PROMOTION_SCOPES.map((s) => ({ key: s, label: PROMOTION_SCOPE_TEXT[s] }))}
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
          <FieldInput
            locked={!can('scopeIds')}
            value={form.scopeIds}
            type="text"
            wide
            onInput={(v) => set({ scopeIds: v })}
          />
        </Field>
      ) : null}
    </>
  );
}

function FullReductionFields(part: Part) {
  const { form, set, errors, can } = part;
  const fixed = !can('tiers');
  return (
    <>
      <ScopeFields {...part} />
      <SectionHead
        title="满减档位"
        addLabel="+ 添加一档"
        onAdd={!fixed && form.tiers.length < MAX_TIERS ? () => set({ tiers: [...form.tiers, emptyTier()] }) : undefined}
      />
      <FormErrorsAt errors={errors} path="tiers" />
      {form.tiers.map((tier, i) => {
        const put = (patch: Partial<typeof tier>) => set({ tiers: replaced(form.tiers, i, { ...tier, ...patch }) });
        return (
          <RowCard
            key={i}
            path={`tiers.${i}`}
            title={`第 ${i + 1} 档`}
            errors={errors}
            onRemove={
              !fixed && form.tiers.length > 1 ? () => set({ tiers: form.tiers.filter((_, j) => j !== i) }) : undefined
            }
          >
            <Field path={`tiers.${i}.threshold`} label="满" errors={errors}>
              <FieldInput locked={fixed} value={tier.threshold} suffix="元" onInput={(v) => put({ threshold: v })} />
            </Field>
            <Field path={`tiers.${i}.amount`} label="减" hint="低于门槛，且每档高于上一档" errors={errors}>
              <FieldInput locked={fixed} value={tier.amount} suffix="元" onInput={(v) => put({ amount: v })} />
            </Field>
          </RowCard>
        );
      })}
    </>
  );
}

function FullGiftFields(part: Part) {
  const { form, set, errors, can } = part;
  return (
    <>
      <ScopeFields {...part} />
      <Field path="threshold" label="满" hint="适用商品按活动价合计" errors={errors}>
        <FieldInput
          locked={!can('threshold')}
          value={form.giftThreshold}
          suffix="元"
          onInput={(v) => set({ giftThreshold: v })}
        />
      </Field>
      <Field path="giftSkuId" label="赠品 SKU" errors={errors}>
        <FieldInput
          locked={!can('giftSkuId')}
          value={form.giftSkuId}
          type="number"
          onInput={(v) => set({ giftSkuId: v })}
        />
      </Field>
      <Field path="giftQuantity" label="每单赠送" hint="赠品库存不足时少送" errors={errors}>
        <FieldInput
          locked={!can('giftQuantity')}
          value={form.giftQuantity}
          type="number"
          suffix="件"
          onInput={(v) => set({ giftQuantity: v })}
        />
      </Field>
    </>
  );
}

function BundleFields({ form, set, errors, can }: Part) {
  const fixed = !can('items');
  return (
    <>
      <SectionHead
        title="组合商品"
        addLabel="+ 添加商品"
        onAdd={
          !fixed && form.bundleItems.length < MAX_BUNDLE_ITEMS
            ? () => set({ bundleItems: [...form.bundleItems, emptyBundleItem()] })
            : undefined
        }
      />
      <FormErrorsAt errors={errors} path="items" />
      {form.bundleItems.map((item, i) => {
        const put = (patch: Partial<typeof item>) =>
          set({ bundleItems: replaced(form.bundleItems, i, { ...item, ...patch }) });
        const idPath = `items.${i}.${item.kind === 'SKU' ? 'skuId' : 'productId'}`;
        return (
          <RowCard
            key={i}
            path={`items.${i}`}
            title={`第 ${i + 1} 件`}
            errors={errors}
            onRemove={
              !fixed && form.bundleItems.length > 2
                ? () => set({ bundleItems: form.bundleItems.filter((_, j) => j !== i) })
                : undefined
            }
          >
            <FieldChoice
              locked={fixed}
              options={[
                { key: 'SKU', label: '指定 SKU' },
                { key: 'PRODUCT', label: '商品任一规格' },
              ]}
              value={item.kind}
              onChange={(kind) => put({ kind })}
            />
            <Field path={idPath} label={item.kind === 'SKU' ? 'SKU 编号' : '商品编号'} errors={errors}>
              <FieldInput locked={fixed} value={item.id} type="number" onInput={(v) => put({ id: v })} />
            </Field>
            <Field path={`items.${i}.quantity`} label="件数" errors={errors}>
              <FieldInput
                locked={fixed}
                value={item.quantity}
                type="number"
                suffix="件"
                onInput={(v) => put({ quantity: v })}
              />
            </Field>
          </RowCard>
        );
      })}
      <Field path="price" label="组合价" hint="需低于各件按售价的合计" errors={errors}>
        <FieldInput
          locked={!can('price')}
          value={form.bundlePrice}
          suffix="元"
          onInput={(v) => set({ bundlePrice: v })}
        />
      </Field>
    </>
  );
}

function BuyXGetYFields(part: Part) {
  const { form, set, errors, can } = part;
  return (
    <>
      <ScopeFields {...part} />
      <Field path="buyQuantity" label="买" hint="同一 SKU 每买满 X 件" errors={errors}>
        <FieldInput
          locked={!can('buyQuantity')}
          value={form.buyQuantity}
          type="number"
          suffix="件"
          onInput={(v) => set({ buyQuantity: v })}
        />
      </Field>
      <Field path="getQuantity" label="送" hint="送 Y 件同款" errors={errors}>
        <FieldInput
          locked={!can('getQuantity')}
          value={form.getQuantity}
          type="number"
          suffix="件"
          onInput={(v) => set({ getQuantity: v })}
        />
      </Field>
      <Field path="maxGiftsPerOrder" label="每单最多送" hint="选填，留空不限" errors={errors}>
        <FieldInput
          locked={!can('maxGiftsPerOrder')}
          value={form.maxGiftsPerOrder}
          type="number"
          suffix="件"
          onInput={(v) => set({ maxGiftsPerOrder: v })}
        />
      </Field>
    </>
  );
}

const TYPE_FIELDS = {
  FLASH_SALE: FlashSaleFields,
  FULL_REDUCTION: FullReductionFields,
  FULL_GIFT: FullGiftFields,
  BUNDLE: BundleFields,
  BUY_X_GET_Y: BuyXGetYFields,
} as const;

/**
 * 新建营销活动, or 编辑 of `editing` prefilled: the type, its own fields, the window and the flags;
 * refusals show on their fields. Editing sends only what changed; a running promotion shows what it
 * keeps read-only (the server decides either way).
 */
export function PromotionFormCard(props: {
  editing?: PromotionView;
  onSaved: (p: PromotionView) => void;
  onCancel: () => void;
}) {
  const { editing } = props;
  const [mode] = useState<PromotionEditMode | 'CREATE'>(() =>
    editing ? promotionEditMode(editing, Date.now()) : 'CREATE',
  );
  const [original] = useState(() => (editing ? promotionToForm(editing) : null));
  const { form, set, setForm, setIssues, errors, top, busy, submit } = useConsoleForm({
    initial: () => original ?? emptyPromotionForm(new Date()),
    shownPaths: promotionShownPaths,
    prepare: (f: PromotionForm) => {
      if (editing && original) {
        const result = formToPromotionPatch(original, f);
        if (result === 'unchanged') return 'unchanged';
        return result.ok ? () => updatePromotion(editing.id, result.patch) : result.issues;
      }
      const result = formToPromotion(f);
      return result.ok ? () => createPromotion(result.request) : result.issues;
    },
    savedToast: editing ? '活动已保存' : '活动已创建',
    failedMessage: editing ? '保存失败，请稍后再试' : '创建失败，请稍后再试',
    onSaved: (saved) => (saved ? props.onSaved(saved) : props.onCancel()),
  });
  const can = (path: string) => editableInMode(mode, path);
  const TypeFields = TYPE_FIELDS[form.type];

  return (
    <View
      className="admin-card promotion-form"
      data-type={form.type}
      data-mode={mode === 'CREATE' ? 'create' : mode === 'RUNNING' ? 'edit-running' : 'edit'}
      data-id={editing?.id}
    >
      <Text className="console-form__title">{editing ? `编辑营销活动 · 活动 ${editing.id}` : '新建营销活动'}</Text>
      {mode === 'RUNNING' ? (
        <Text className="promotion-form__note">活动进行中：只能修改名称、结束时间，以及增加秒杀库存</Text>
      ) : null}
      <FormErrors messages={top} />
      <Field path="type" label="活动类型" errors={errors}>
        <FieldChoice
          locked={!can('type')}
          options={PROMOTION_TYPES.map((t) => ({ key: t, label: PROMOTION_TYPE_TEXT[t] }))}
          value={form.type}
          onChange={(type) => {
            setForm((f: PromotionForm) => withType(f, type));
            setIssues([]);
          }}
        />
      </Field>
      <TypeFields form={form} set={set} errors={errors} can={can} />
      <Field path="title" label="活动名称" errors={errors}>
        <FieldInput
          locked={!can('title')}
          value={form.title}
          type="text"
          wide
          placeholder="如 周末秒杀"
          onInput={(v) => set({ title: v })}
        />
      </Field>
      <Field path="startsAt" label="开始时间" errors={errors}>
        <FieldInput
          locked={!can('startsAt')}
          value={form.startsAt}
          type="text"
          wide
          onInput={(v) => set({ startsAt: v })}
        />
      </Field>
      <Field path="endsAt" label="结束时间" errors={errors}>
        <FieldInput locked={!can('endsAt')} value={form.endsAt} type="text" wide onInput={(v) => set({ endsAt: v })} />
      </Field>
      <Field path="memberDayOnly" label="仅会员日" hint="只在会员日对会员日等级生效" errors={errors}>
        <FieldToggle
          locked={!can('memberDayOnly')}
          checked={form.memberDayOnly}
          onChange={(v) => set({ memberDayOnly: v })}
        />
      </Field>
      <Field path="stackWithCoupon" label="可与优惠券同享" errors={errors}>
        <FieldToggle
          locked={!can('stackWithCoupon')}
          checked={form.stackWithCoupon}
          onChange={(v) => set({ stackWithCoupon: v })}
        />
      </Field>
      <Field path="earnsPoints" label="赠送积分" hint="关闭后活动商品不产生购物积分" errors={errors}>
        <FieldToggle
          locked={!can('earnsPoints')}
          checked={form.earnsPoints}
          onChange={(v) => set({ earnsPoints: v })}
        />
      </Field>
      <Field path="earnsCommission" label="分销计佣" errors={errors}>
        {can('earnsCommission') ? (
          <CommissionChips value={form.earnsCommission} onChange={(v) => set({ earnsCommission: v })} />
        ) : (
          <Fixed text={commissionText(form.earnsCommission)} />
        )}
      </Field>
      <View className="admin-actions">
        <Button className="admin-button promotion-form__cancel" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary promotion-form__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          {editing ? '保存修改' : '创建活动'}
        </Button>
      </View>
    </View>
  );
}
