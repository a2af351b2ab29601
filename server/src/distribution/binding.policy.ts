import { randomInt } from 'node:crypto';
import { REFERRAL_CODE_ALPHABET } from '@weshop/shared';

/**
 * 锁客: who a customer belongs to after opening a share. Pure: the service loads the facts and
 * writes what this decides.
 */

export interface BindingFacts {
  now: Date;
  customerId: number;
  /** The distributor whose code was opened (approved). */
  target: { userId: number; path: string };
  /** The customer's own distributor record, when approved (they are then in the tree). */
  customerAsDistributor: { path: string } | null;
  current: { distributorId: number; expiresAt: Date | null } | null;
  settings: { mode: 'FIRST_TOUCH' | 'LAST_TOUCH'; protectionDays: number; newUsersOnly: boolean };
  /** Whether the customer has ever paid an order (brand-new users have not). */
  hasPaidOrder: boolean;
}

export type BindingDecision =
  | { kind: 'REFUSE'; reason: 'SELF' | 'CYCLE' }
  | { kind: 'KEEP'; outcome: 'ALREADY_BOUND' | 'PROTECTED' | 'NOT_NEW_CUSTOMER' | 'ALREADY_DISTRIBUTOR' }
  | { kind: 'BIND'; outcome: 'BOUND' | 'REBOUND'; expiresAt: Date | null };

const DAY_MS = 86_400_000;

/** Path segment of a user id (base 36 between slashes). */
export const pathSegment = (userId: number) => `/${userId.toString(36)}/`;

/** Whether `path` (root first) passes through `userId`. */
export function pathContains(path: string, userId: number): boolean {
  return path.includes(pathSegment(userId));
}

export function decideBinding(f: BindingFacts): BindingDecision {
  if (f.target.userId === f.customerId) return { kind: 'REFUSE', reason: 'SELF' };
  // The target sits below the customer: binding up to them would close a loop.
  if (pathContains(f.target.path, f.customerId)) return { kind: 'REFUSE', reason: 'CYCLE' };
  // A distributor's place in the tree is fixed from approval: their parent is not a binding.
  if (f.customerAsDistributor) return { kind: 'KEEP', outcome: 'ALREADY_DISTRIBUTOR' };
  const expiresAt =
    f.settings.protectionDays > 0 ? new Date(f.now.getTime() + f.settings.protectionDays * DAY_MS) : null;
  const active = f.current && (f.current.expiresAt === null || f.current.expiresAt.getTime() > f.now.getTime());
  if (f.current && active) {
    if (f.current.distributorId === f.target.userId) return { kind: 'KEEP', outcome: 'ALREADY_BOUND' };
    if (f.settings.mode === 'FIRST_TOUCH') return { kind: 'KEEP', outcome: 'PROTECTED' };
    return { kind: 'BIND', outcome: 'REBOUND', expiresAt };
  }
  if (f.settings.newUsersOnly && f.hasPaidOrder && !f.current) return { kind: 'KEEP', outcome: 'NOT_NEW_CUSTOMER' };
  return { kind: 'BIND', outcome: f.current ? 'REBOUND' : 'BOUND', expiresAt };
}

/** A fresh referral code: 6 characters without 0/O/1/I (the unique index settles collisions). */
export function newReferralCode(random: (max: number) => number = (max) => randomInt(0, max)): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERRAL_CODE_ALPHABET[random(REFERRAL_CODE_ALPHABET.length)];
  return code;
}
