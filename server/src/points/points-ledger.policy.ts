/**
 * 积分账本: pure rules over a member's lots. Every operation takes the lots as they are and returns
 * the change to write (lot updates, a new lot, ledger entries, spend records); the service locks
 * the account row, loads the lots, calls one of these and persists the change in the same
 * transaction as the order fact that caused it.
 *
 * Invariants (checked by the property test over random sequences):
 * - available = Σ remaining of ACTIVE lots = Σ entries.availableDelta ≥ 0;
 * - frozen = Σ remaining of FROZEN lots = Σ entries.frozenDelta ≥ 0;
 * - 0 ≤ remaining ≤ amount; USED_UP, EXPIRED and REVERSED lots have nothing remaining.
 *
 * Decisions:
 * - Spending takes the lot that expires first (then the oldest id): 先到期先用.
 * - Points returned by a cancellation or refund go back to the lots they came from, keeping those
 *   lots' expiry; a lot that has expired meanwhile takes them back and they expire at once (RETURN
 *   then EXPIRE entries), so a return never extends an expiry.
 * - A reversal takes what the lot still holds; points of that lot already spent are not clawed
 *   back from other lots (the balance never goes negative), and the shortfall is noted.
 */

export type LotStatus = 'FROZEN' | 'ACTIVE' | 'USED_UP' | 'EXPIRED' | 'REVERSED';
export type EntryType = 'EARN' | 'UNFREEZE' | 'SPEND' | 'RETURN' | 'REVERSE' | 'EXPIRE' | 'SIGN_IN' | 'TASK' | 'REDEEM';

export interface Lot {
  id: number;
  amount: number;
  remaining: number;
  status: LotStatus;
  usableFrom: Date;
  expiresAt: Date;
}

/** `lotId: 'NEW'` refers to the lot this change creates. */
export interface EntryDraft {
  type: EntryType;
  availableDelta: number;
  frozenDelta: number;
  lotId: number | 'NEW' | null;
  note?: string;
}

export interface LotUpdate {
  lotId: number;
  remaining: number;
  status: LotStatus;
  usableFrom?: Date;
}

export interface NewLot {
  amount: number;
  status: 'FROZEN' | 'ACTIVE';
  usableFrom: Date;
  expiresAt: Date;
}

/** Which lot an order's points came from and how much of it has come back. */
export interface SpendRecord {
  id: number;
  lotId: number;
  amount: number;
  returned: number;
}

export interface LedgerChange {
  newLot?: NewLot;
  lotUpdates: LotUpdate[];
  entries: EntryDraft[];
  /** New spend records (SPEND). */
  draws: Array<{ lotId: number; amount: number }>;
  /** Spend records whose `returned` grew (RETURN). */
  spendUpdates: Array<{ id: number; returned: number }>;
}

const empty = (): LedgerChange => ({ lotUpdates: [], entries: [], draws: [], spendUpdates: [] });

/** Net effect of a change on the cached balances. */
export function balanceDelta(change: LedgerChange): { available: number; frozen: number } {
  return {
    available: change.entries.reduce((s, e) => s + e.availableDelta, 0),
    frozen: change.entries.reduce((s, e) => s + e.frozenDelta, 0),
  };
}

/**
 * A lot that can pay for something now: ACTIVE (unfrozen, or earned usable) and not past its
 * expiry. `usableFrom` records when it became usable; the status is what gates it, so a clock
 * moved back (sandbox) never hides unfrozen points.
 */
export const isUsable = (lot: Lot, now: Date) => lot.status === 'ACTIVE' && lot.remaining > 0 && lot.expiresAt > now;

/** Points spendable now. */
export const usableBalance = (lots: readonly Lot[], now: Date) =>
  lots.filter((l) => isUsable(l, now)).reduce((s, l) => s + l.remaining, 0);

/** Earning: a new lot, FROZEN (order, until the after-sales window closes) or ACTIVE (sign-in, task). */
export function earn(lot: NewLot, type: EntryType = 'EARN', note = ''): LedgerChange {
  if (!Number.isSafeInteger(lot.amount) || lot.amount <= 0) throw new RangeError('earn: amount must be positive');
  const frozen = lot.status === 'FROZEN';
  return {
    ...empty(),
    newLot: lot,
    entries: [
      { type, availableDelta: frozen ? 0 : lot.amount, frozenDelta: frozen ? lot.amount : 0, lotId: 'NEW', note },
    ],
  };
}

/** The after-sales window closed: a frozen lot becomes usable (what is left of it after reversals). */
export function unfreeze(lot: Lot, now: Date): LedgerChange {
  const change = empty();
  if (lot.status !== 'FROZEN') return change;
  change.lotUpdates.push({
    lotId: lot.id,
    remaining: lot.remaining,
    status: lot.remaining > 0 ? 'ACTIVE' : 'REVERSED',
    usableFrom: now,
  });
  if (lot.remaining > 0)
    change.entries.push({
      type: 'UNFREEZE',
      availableDelta: lot.remaining,
      frozenDelta: -lot.remaining,
      lotId: lot.id,
    });
  return change;
}

/** Oldest-first order: the lot expiring first, then the lower id. */
export const spendOrder = (a: Lot, b: Lot) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id;

/**
 * Spending `amount` points now, from the usable lots expiring first. Null when they do not cover
 * it (the caller refuses the spend). `type`: SPEND at checkout, REDEEM in the points mall.
 */
export function spend(
  lots: readonly Lot[],
  amount: number,
  now: Date,
  note = '',
  type: 'SPEND' | 'REDEEM' = 'SPEND',
): LedgerChange | null {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('spend: amount must be positive');
  const usable = lots.filter((l) => isUsable(l, now)).sort(spendOrder);
  if (usable.reduce((s, l) => s + l.remaining, 0) < amount) return null;
  const change = empty();
  let left = amount;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    left -= take;
    const remaining = lot.remaining - take;
    change.lotUpdates.push({ lotId: lot.id, remaining, status: remaining === 0 ? 'USED_UP' : 'ACTIVE' });
    change.entries.push({ type, availableDelta: -take, frozenDelta: 0, lotId: lot.id, note });
    change.draws.push({ lotId: lot.id, amount: take });
  }
  return change;
}

/**
 * Gives back `amount` of an order's spent points to the lots they came from (latest-drawn first,
 * so the lots expiring last are refilled first). A lot past its expiry takes them and they expire
 * at once. `amount` is capped at what has not come back yet.
 */
export function returnSpent(
  lots: readonly Lot[],
  spends: readonly SpendRecord[],
  amount: number,
  now: Date,
  note = '',
): LedgerChange {
  const change = empty();
  const byId = new Map(lots.map((l) => [l.id, { ...l }]));
  let left = amount;
  for (const record of [...spends].reverse()) {
    if (left <= 0) break;
    const back = Math.min(record.amount - record.returned, left);
    if (back <= 0) continue;
    const lot = byId.get(record.lotId);
    if (!lot) continue;
    left -= back;
    change.spendUpdates.push({ id: record.id, returned: record.returned + back });
    change.entries.push({ type: 'RETURN', availableDelta: back, frozenDelta: 0, lotId: lot.id, note });
    if (lot.status === 'EXPIRED' || lot.expiresAt <= now) {
      change.entries.push({
        type: 'EXPIRE',
        availableDelta: -back,
        frozenDelta: 0,
        lotId: lot.id,
        note: '退回时已过期',
      });
      if (lot.status !== 'EXPIRED') {
        // Expired by date but not yet swept: the sweeper would expire what it holds; do it now.
        if (lot.remaining > 0)
          change.entries.push({ type: 'EXPIRE', availableDelta: -lot.remaining, frozenDelta: 0, lotId: lot.id });
        lot.remaining = 0;
        lot.status = 'EXPIRED';
        upsert(change.lotUpdates, { lotId: lot.id, remaining: 0, status: 'EXPIRED' });
      }
      continue;
    }
    lot.remaining += back;
    lot.status = 'ACTIVE';
    upsert(change.lotUpdates, { lotId: lot.id, remaining: lot.remaining, status: 'ACTIVE' });
  }
  return change;
}

/**
 * Reverses `amount` of what an order earned (its lot), from what the lot still holds. Returns the
 * change and how much could not be reversed because it had been spent.
 */
export function reverseEarned(lot: Lot, amount: number, note = ''): { change: LedgerChange; shortfall: number } {
  const change = empty();
  if (amount <= 0 || !['FROZEN', 'ACTIVE', 'USED_UP'].includes(lot.status)) return { change, shortfall: 0 };
  const take = Math.min(amount, lot.remaining);
  if (take > 0) {
    const frozen = lot.status === 'FROZEN';
    const remaining = lot.remaining - take;
    change.lotUpdates.push({
      lotId: lot.id,
      remaining,
      status: remaining > 0 ? lot.status : frozen || take === lot.amount ? 'REVERSED' : 'USED_UP',
    });
    change.entries.push({
      type: 'REVERSE',
      availableDelta: frozen ? 0 : -take,
      frozenDelta: frozen ? -take : 0,
      lotId: lot.id,
      note,
    });
  }
  return { change, shortfall: amount - take };
}

/** Expires every live lot whose expiry has passed, the oldest first. */
export function expire(lots: readonly Lot[], now: Date): LedgerChange {
  const change = empty();
  for (const lot of lots
    .filter((l) => (l.status === 'ACTIVE' || l.status === 'FROZEN') && l.expiresAt <= now)
    .sort(spendOrder)) {
    change.lotUpdates.push({ lotId: lot.id, remaining: 0, status: 'EXPIRED' });
    if (lot.remaining > 0)
      change.entries.push({
        type: 'EXPIRE',
        availableDelta: lot.status === 'ACTIVE' ? -lot.remaining : 0,
        frozenDelta: lot.status === 'FROZEN' ? -lot.remaining : 0,
        lotId: lot.id,
      });
  }
  return change;
}

/** What expires next within `horizon`: the earliest expiry of live lots and the points it takes. */
export function expiringSoon(lots: readonly Lot[], now: Date, horizon: Date): { amount: number; at: Date | null } {
  const live = lots.filter(
    (l) =>
      (l.status === 'ACTIVE' || l.status === 'FROZEN') &&
      l.remaining > 0 &&
      l.expiresAt > now &&
      l.expiresAt <= horizon,
  );
  if (!live.length) return { amount: 0, at: null };
  const at = new Date(Math.min(...live.map((l) => l.expiresAt.getTime())));
  return {
    amount: live.filter((l) => l.expiresAt.getTime() === at.getTime()).reduce((s, l) => s + l.remaining, 0),
    at,
  };
}

/** Applies a change to in-memory lots (the property test's model of the persistence). */
export function applyToLots(lots: Lot[], change: LedgerChange, newId: number): Lot[] {
  const next = lots.map((l) => ({ ...l }));
  for (const u of change.lotUpdates) {
    const lot = next.find((l) => l.id === u.lotId);
    if (!lot) throw new RangeError(`no lot ${u.lotId}`);
    lot.remaining = u.remaining;
    lot.status = u.status;
    if (u.usableFrom) lot.usableFrom = u.usableFrom;
  }
  if (change.newLot) next.push({ id: newId, remaining: change.newLot.amount, ...change.newLot });
  return next;
}

function upsert(updates: LotUpdate[], update: LotUpdate): void {
  const at = updates.findIndex((u) => u.lotId === update.lotId);
  if (at >= 0) updates[at] = update;
  else updates.push(update);
}
