import type { Fen } from '@weshop/shared';

/** 运费模板 as pricing sees it (the shop's default ShippingTemplate row). */
export interface ShippingRule {
  /** 首重/统一运费 (fen). */
  flatFee: Fen;
  /** 包邮门槛: goods amount (after discounts) from which the flat fee is waived; null = never free. */
  freeOver: Fen | null;
  /** 偏远地区: province names, e.g. "新疆", "西藏"; matched as a prefix of the address province. */
  remoteRegions: readonly string[];
  /** 偏远地区附加费 (fen). */
  remoteSurcharge: Fen;
}

export interface ShippingQuery {
  /** Goods amount after the discounts that count for 包邮 (see `priceOrder`), in fen. */
  goodsAmountAfterDiscounts: Fen;
  /** The delivery address's province, e.g. "新疆维吾尔自治区"; absent before an address is chosen. */
  province?: string;
  template: ShippingRule | null;
}

/**
 * 运费: the shipping fee of an order.
 *
 * - No template → 0 (the shop ships free).
 * - The flat fee is charged unless `freeOver` is set and the goods amount reaches it (≥, 包邮门槛).
 * - 偏远地区不包邮: when the province is a remote region the surcharge is added, and it is still
 *   charged when the flat fee is waived, because merchants' 包邮 never covers Xinjiang or Tibet.
 *   A region matches when the address province starts with it ("新疆" matches "新疆维吾尔自治区"),
 *   so templates can list short names; blank entries never match. No province → no surcharge
 *   (the preview before an address is chosen shows the ordinary fee).
 *
 * No rounding: the result is a sum of whole fen. Shipping is never allocated to lines and never
 * earns commission.
 * @throws RangeError when an amount is not a non-negative integer number of fen (programmer error).
 */
export function shippingFeeFor(query: ShippingQuery): Fen {
  const { template, goodsAmountAfterDiscounts } = query;
  assertNonNegative(goodsAmountAfterDiscounts, 'goodsAmountAfterDiscounts');
  if (!template) return 0;
  assertNonNegative(template.flatFee, 'flatFee');
  assertNonNegative(template.remoteSurcharge, 'remoteSurcharge');
  if (template.freeOver !== null) assertNonNegative(template.freeOver, 'freeOver');
  const free = template.freeOver !== null && goodsAmountAfterDiscounts >= template.freeOver;
  const remote = isRemote(query.province, template.remoteRegions);
  return (free ? 0 : template.flatFee) + (remote ? template.remoteSurcharge : 0);
}

/** 偏远地区: whether the province is one of the template's remote regions (prefix match, trimmed). */
export function isRemote(province: string | undefined, remoteRegions: readonly string[]): boolean {
  const name = province?.trim();
  if (!name) return false;
  return remoteRegions.some((region) => region.trim() !== '' && name.startsWith(region.trim()));
}

function assertNonNegative(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of fen, got ${value}`);
  }
}
