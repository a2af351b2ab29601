import type { SkuView, SpecDimension } from '@weshop/shared';

/** The spec value chosen per dimension name, e.g. { 颜色: '红', 尺码: 'M' }. */
export type ChosenSpecs = Record<string, string>;

/**
 * The SKU whose specs equal the chosen values on every dimension, or null while a dimension is
 * still unchosen (or no SKU has that combination). A product without spec dimensions has one SKU.
 */
export function pickSku(skus: SkuView[], dimensions: SpecDimension[], chosen: ChosenSpecs): SkuView | null {
  if (dimensions.length === 0) return skus.length === 1 ? skus[0] : null;
  if (dimensions.some((d) => chosen[d.name] === undefined)) return null;
  return skus.find((sku) => dimensions.every((d) => sku.specs[d.name] === chosen[d.name])) ?? null;
}

/**
 * Whether choosing `value` on `dimension` (keeping the other chosen values) can still lead to a SKU
 * in stock. Values for which it cannot are shown disabled (售罄).
 */
export function isValueAvailable(
  skus: SkuView[],
  dimensions: SpecDimension[],
  chosen: ChosenSpecs,
  dimension: string,
  value: string,
): boolean {
  const wanted: ChosenSpecs = { ...chosen, [dimension]: value };
  return skus.some(
    (sku) =>
      sku.stock > 0 && dimensions.every((d) => wanted[d.name] === undefined || sku.specs[d.name] === wanted[d.name]),
  );
}

/** Highest quantity one order line may take: bounded by stock and the per-user 限购. */
export function maxQuantity(sku: SkuView | null, purchaseLimit: number | null): number {
  if (!sku) return 1;
  return Math.max(0, purchaseLimit === null ? sku.stock : Math.min(sku.stock, purchaseLimit));
}
