/**
 * 拼团 rules, pure: whether a campaign sells now, what a line costs, whether a group can be joined,
 * and what happens to a group when its time is up.
 */

export interface CampaignFacts {
  status: 'ACTIVE' | 'DISABLED';
  startsAt: Date;
  endsAt: Date;
  groupSize: number;
  perOrderLimit: number;
  autoComplete: boolean;
  /** Share of seats that must be paid for 模拟成团 (basis points). */
  autoCompleteMinPaidBp: number;
}

export type CampaignRefusal = 'NOT_ACTIVE' | 'NOT_STARTED' | 'ENDED';

export function campaignRefusal(c: CampaignFacts, now: Date): CampaignRefusal | null {
  if (c.status !== 'ACTIVE') return 'NOT_ACTIVE';
  if (now.getTime() < c.startsAt.getTime()) return 'NOT_STARTED';
  if (now.getTime() >= c.endsAt.getTime()) return 'ENDED';
  return null;
}

/** The leader pays the leader price when there is one; everybody else the group price. */
export function groupUnitPrice(sku: { groupPrice: number; leaderPrice: number | null }, isLeader: boolean): number {
  return isLeader && sku.leaderPrice !== null ? sku.leaderPrice : sku.groupPrice;
}

export interface GroupFacts {
  status: 'PENDING' | 'FORMING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  leaderId: number;
  size: number;
  seatsTaken: number;
  expiresAt: Date | null;
}

export type JoinRefusal = 'NOT_JOINABLE' | 'OWN' | 'ALREADY_JOINED' | 'FULL';

/**
 * Whether `userId` may take a seat. Only an open group (FORMING: its leader has paid) before its
 * deadline; never one's own, never twice; a seat must be free (the guarded increment in the
 * database has the last word under concurrency).
 */
export function joinRefusal(g: GroupFacts, userId: number, alreadyMember: boolean, now: Date): JoinRefusal | null {
  if (g.status !== 'FORMING' || !g.expiresAt || g.expiresAt.getTime() <= now.getTime()) return 'NOT_JOINABLE';
  if (g.leaderId === userId) return 'OWN';
  if (alreadyMember) return 'ALREADY_JOINED';
  if (g.seatsTaken >= g.size) return 'FULL';
  return null;
}

export const seatsLeft = (g: { size: number; seatsTaken: number }) => Math.max(0, g.size - g.seatsTaken);

/**
 * At the deadline a group that is still forming either succeeds by 模拟成团 (enabled, and at least
 * the threshold share of seats paid — always at least the leader) or fails.
 */
export function expiryOutcome(
  g: { size: number; paidCount: number },
  c: Pick<CampaignFacts, 'autoComplete' | 'autoCompleteMinPaidBp'>,
): 'SUCCEED' | 'FAIL' {
  if (!c.autoComplete || g.paidCount < 1) return 'FAIL';
  return g.paidCount * 10_000 >= g.size * c.autoCompleteMinPaidBp ? 'SUCCEED' : 'FAIL';
}

export interface CampaignDraft {
  groupSize: number;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  perOrderLimit: number;
  perUserLimit: number;
  skus: { skuId: string; groupPrice: number; leaderPrice: number | null; price: number }[];
}

/** Problems with a campaign a manager is creating, each with its field. */
export function campaignProblems(d: CampaignDraft): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (d.endsAt.getTime() <= d.startsAt.getTime()) out.push({ path: 'endsAt', message: 'must be after startsAt' });
  if (d.groupSize < 2 || d.groupSize > 10) out.push({ path: 'groupSize', message: 'a group has 2 to 10 people' });
  if (d.perOrderLimit > d.perUserLimit)
    out.push({ path: 'perOrderLimit', message: 'cannot be above the per-user limit' });
  d.skus.forEach((s, i) => {
    if (s.groupPrice > s.price) out.push({ path: `skus[${i}].groupPrice`, message: 'must not be above the SKU price' });
    if (s.leaderPrice !== null && s.leaderPrice > s.groupPrice)
      out.push({ path: `skus[${i}].leaderPrice`, message: 'must not be above the group price' });
  });
  const ids = d.skus.map((s) => s.skuId);
  if (new Set(ids).size !== ids.length) out.push({ path: 'skus', message: 'each SKU may appear once' });
  return out;
}
