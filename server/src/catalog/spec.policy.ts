/**
 * 规格: a product's spec dimensions (e.g. 颜色 x 尺码) as the SKU picker shows them, derived from
 * its SKUs. Dimension order is the order names first appear; value order likewise, so the picker
 * is stable and follows how the merchant entered the SKUs.
 */
export interface SpecDimension {
  name: string;
  values: string[];
}

export function specDimensions(skuSpecs: ReadonlyArray<Record<string, string>>): SpecDimension[] {
  const dimensions = new Map<string, string[]>();
  for (const specs of skuSpecs) {
    for (const [name, value] of Object.entries(specs)) {
      const values = dimensions.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      dimensions.set(name, values);
    }
  }
  return [...dimensions].map(([name, values]) => ({ name, values }));
}

/** Reads a SKU's stored specs (a JSON object of strings); anything else counts as no specs. */
export function specsFromJson(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
