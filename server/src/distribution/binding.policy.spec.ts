import { ReferralCode } from '@weshop/shared';
import { decideBinding, newReferralCode, pathContains, pathSegment, type BindingFacts } from './binding.policy';

const now = new Date('2026-11-24T10:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const A = 10;
const B = 11;
const C = 12;
const facts = (change: Partial<BindingFacts> = {}): BindingFacts => ({
  now,
  customerId: C,
  target: { userId: A, path: pathSegment(A) },
  customerAsDistributor: null,
  current: null,
  settings: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  hasPaidOrder: false,
  ...change,
});

describe('decideBinding', () => {
  it.each<[string, Partial<BindingFacts>, unknown]>([
    ['a new customer binds, protected for the period', {}, { kind: 'BIND', outcome: 'BOUND', expiresAt: days(365) }],
    [
      'protection 0 = permanent',
      { settings: { mode: 'FIRST_TOUCH', protectionDays: 0, newUsersOnly: false } },
      { kind: 'BIND', outcome: 'BOUND', expiresAt: null },
    ],
    ['nobody binds to themselves', { customerId: A }, { kind: 'REFUSE', reason: 'SELF' }],
    [
      'nobody binds to their own downline',
      {
        customerId: A,
        target: { userId: B, path: `/${A.toString(36)}/${B.toString(36)}/` },
        customerAsDistributor: { path: pathSegment(A) },
      },
      { kind: 'REFUSE', reason: 'CYCLE' },
    ],
    [
      'a distributor keeps their place in the tree',
      { customerId: B, customerAsDistributor: { path: `/${C.toString(36)}/${B.toString(36)}/` } },
      { kind: 'KEEP', outcome: 'ALREADY_DISTRIBUTOR' },
    ],
    [
      'first touch: inside the protection period the first distributor keeps the customer',
      { target: { userId: B, path: pathSegment(B) }, current: { distributorId: A, expiresAt: days(1) } },
      { kind: 'KEEP', outcome: 'PROTECTED' },
    ],
    [
      'first touch: after the period the next share re-binds',
      { target: { userId: B, path: pathSegment(B) }, current: { distributorId: A, expiresAt: days(-1) } },
      { kind: 'BIND', outcome: 'REBOUND', expiresAt: days(365) },
    ],
    [
      'expiring exactly now counts as lapsed',
      { target: { userId: B, path: pathSegment(B) }, current: { distributorId: A, expiresAt: now } },
      { kind: 'BIND', outcome: 'REBOUND', expiresAt: days(365) },
    ],
    [
      'permanent binding never lapses',
      { target: { userId: B, path: pathSegment(B) }, current: { distributorId: A, expiresAt: null } },
      { kind: 'KEEP', outcome: 'PROTECTED' },
    ],
    [
      'last touch: the latest share wins',
      {
        target: { userId: B, path: pathSegment(B) },
        current: { distributorId: A, expiresAt: days(100) },
        settings: { mode: 'LAST_TOUCH', protectionDays: 30, newUsersOnly: false },
      },
      { kind: 'BIND', outcome: 'REBOUND', expiresAt: days(30) },
    ],
    [
      'the same distributor again changes nothing',
      { current: { distributorId: A, expiresAt: days(5) } },
      { kind: 'KEEP', outcome: 'ALREADY_BOUND' },
    ],
    [
      'new users only: a customer who already paid an order is not bound',
      { hasPaidOrder: true, settings: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: true } },
      { kind: 'KEEP', outcome: 'NOT_NEW_CUSTOMER' },
    ],
    [
      'new users only: a lapsed customer may re-bind',
      {
        hasPaidOrder: true,
        current: { distributorId: B, expiresAt: days(-2) },
        settings: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: true },
      },
      { kind: 'BIND', outcome: 'REBOUND', expiresAt: days(365) },
    ],
  ])('%s', (_name, change, expected) => {
    expect(decideBinding(facts(change))).toEqual(expected);
  });
});

describe('paths', () => {
  it('finds an ancestor by whole segment, not by prefix', () => {
    expect(pathContains('/a/2s/9k/', 10)).toBe(true);
    expect(pathContains('/a/2s/9k/', 100)).toBe(true); // 100 = 2s
    expect(pathContains('/a/2s/9k/', 1)).toBe(false);
    expect(pathContains('/aa/', 10)).toBe(false);
  });
});

describe('newReferralCode', () => {
  it('makes codes the contract accepts, without ambiguous characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newReferralCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      expect(ReferralCode.parse(code.toLowerCase())).toBe(code);
    }
  });
});
