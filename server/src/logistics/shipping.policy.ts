/**
 * 拆单发货: which units of an order are still to ship, and whether a parcel is valid.
 * Pure: plain numbers in, values out (errors are values; the service turns them into DomainErrors).
 */

export interface LineToShip {
  id: number;
  quantity: number;
  /** fen */
  paidAmount: number;
  /** fen */
  refundedAmount: number;
  /** Units restocked (before shipping: never leave the warehouse). */
  restockedQuantity: number;
}

export interface ParcelItem {
  lineId: number;
  quantity: number;
}

export type ParcelPlan =
  | { ok: { items: ParcelItem[]; completes: boolean } }
  | { error: 'NOTHING_TO_SHIP' }
  | { error: 'UNKNOWN_LINE'; lineId: number }
  | { error: 'TOO_MANY'; lineId: number; left: number };

/**
 * Units of a line that must go out. A line refunded in full before shipping (paid > 0 and
 * refunded ≥ paid) needs nothing; otherwise the restocked (refunded, never shipped) units are
 * taken off. Free lines (gifts at 0 fen) still ship.
 */
export function unitsToShip(line: LineToShip): number {
  if (line.paidAmount > 0 && line.refundedAmount >= line.paidAmount) return 0;
  return Math.max(0, line.quantity - line.restockedQuantity);
}

/** What is left to ship per line (lines with nothing left are omitted), in line order. */
export function unshipped(lines: readonly LineToShip[], parcels: readonly (readonly ParcelItem[])[]): ParcelItem[] {
  const shipped = new Map<number, number>();
  for (const parcel of parcels)
    for (const item of parcel) shipped.set(item.lineId, (shipped.get(item.lineId) ?? 0) + item.quantity);
  return lines
    .map((line) => ({ lineId: line.id, quantity: Math.max(0, unitsToShip(line) - (shipped.get(line.id) ?? 0)) }))
    .filter((item) => item.quantity > 0);
}

/**
 * The next parcel: `requested` units (or, when omitted, everything left), checked against what is
 * left; `completes` when nothing is left after it.
 */
export function planParcel(
  lines: readonly LineToShip[],
  parcels: readonly (readonly ParcelItem[])[],
  requested?: readonly ParcelItem[],
): ParcelPlan {
  const left = unshipped(lines, parcels);
  if (left.length === 0) return { error: 'NOTHING_TO_SHIP' };
  if (!requested) return { ok: { items: left, completes: true } };
  const known = new Set(lines.map((l) => l.id));
  for (const item of requested) {
    if (!known.has(item.lineId)) return { error: 'UNKNOWN_LINE', lineId: item.lineId };
    const available = left.find((l) => l.lineId === item.lineId)?.quantity ?? 0;
    if (item.quantity > available) return { error: 'TOO_MANY', lineId: item.lineId, left: available };
  }
  const items = [...requested].filter((i) => i.quantity > 0);
  if (items.length === 0) return { error: 'NOTHING_TO_SHIP' };
  const after = unshipped(lines, [...parcels, items]);
  return { ok: { items, completes: after.length === 0 } };
}

/** Reads the JSON `items` column of a Shipment (tolerant of anything malformed). */
export function parcelItemsOf(value: unknown): ParcelItem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    .map((i) => ({ lineId: Number(i.lineId), quantity: Number(i.quantity) }))
    .filter((i) => Number.isSafeInteger(i.lineId) && Number.isSafeInteger(i.quantity) && i.quantity > 0);
}
