import { CATALOG_LIMITS, specKey } from '@weshop/shared';

/**
 * SKU rules of the merchant's catalog, pure. A product's SKUs are the combinations of its spec
 * names (e.g. 颜色 x 尺码): every SKU names the same specs, no two SKUs are the same combination,
 * and a product has at most 100 SKUs.
 */
export interface SkuSpecs {
  specs: Record<string, string>;
}

export type NewSkuVerdict =
  | { ok: true }
  | { ok: false; reason: 'SKU_LIMIT_REACHED'; max: number }
  | { ok: false; reason: 'SPEC_NAMES_MISMATCH'; expected: string[] }
  | { ok: false; reason: 'SPEC_COMBINATION_TAKEN' };

const specNames = (specs: Record<string, string>) => Object.keys(specs).sort();

/** Whether `candidate` can join a product that already has `existing` SKUs. */
export function canAddSku(existing: readonly SkuSpecs[], candidate: SkuSpecs): NewSkuVerdict {
  if (existing.length >= CATALOG_LIMITS.maxSkus) {
    return { ok: false, reason: 'SKU_LIMIT_REACHED', max: CATALOG_LIMITS.maxSkus };
  }
  if (existing.length > 0) {
    const expected = specNames(existing[0].specs);
    if (JSON.stringify(expected) !== JSON.stringify(specNames(candidate.specs))) {
      return { ok: false, reason: 'SPEC_NAMES_MISMATCH', expected };
    }
  }
  const key = specKey(candidate.specs);
  if (existing.some((sku) => specKey(sku.specs) === key)) return { ok: false, reason: 'SPEC_COMBINATION_TAKEN' };
  return { ok: true };
}

/**
 * The product's 最低价 (minPrice, fen): the lowest SKU price, kept in step for sorting by price.
 * A product without SKUs has none (0).
 */
export function lowestPrice(prices: readonly number[]): number {
  return prices.length ? Math.min(...prices) : 0;
}

/** 划线价 is a "was" price: never below the selling price. */
export function listPriceValid(price: number, listPrice: number): boolean {
  return listPrice >= price;
}
