import { DistributionSettings } from '@weshop/shared';
import { DEFAULT_DISTRIBUTION_SETTINGS, ruleViolations, settingsViolations } from './settings.policy';

const valid = DEFAULT_DISTRIBUTION_SETTINGS;
const withChange = (change: Record<string, unknown>) => ({ ...valid, ...change });

describe('settingsViolations', () => {
  it('accepts the defaults, and the defaults have the contract shape', () => {
    expect(settingsViolations(valid)).toEqual([]);
    expect(DistributionSettings.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['three levels', withChange({ levels: 3 }), 'levels', /at most two levels/],
    ['a third-level rate', withChange({ l3RateBp: 100 }), 'l3RateBp', /at most two levels/],
    ['L1 + L2 above 100%', withChange({ l1RateBp: 6000, l2RateBp: 4001 }), 'l1RateBp', /must not exceed 100%/],
    [
      'an entry fee',
      withChange({ application: { autoApprove: true, minSpend: 0, entryFee: 9900 } }),
      'application.entryFee',
      /never costs money/,
    ],
    [
      'a qualifying purchase',
      withChange({ application: { autoApprove: true, minSpend: 0, qualifyingProductId: '12' } }),
      'application.qualifyingProductId',
      /No purchase of a product qualifies/,
    ],
    ['a reward per recruit', withChange({ recruitBonus: 500 }), 'recruitBonus', /per recruited person/],
    [
      'a tier by team size',
      withChange({ tiers: [{ name: '金牌', minSales: 0, l1RateBp: null, l2RateBp: null, minTeamSize: 10 }] }),
      'tiers[0].minTeamSize',
      /team size/,
    ],
    [
      'a tier by team volume',
      withChange({ tiers: [{ name: '金牌', minSales: 0, l1RateBp: null, l2RateBp: null, minTeamSales: 10 }] }),
      'tiers[0].minTeamSales',
      /team volume/,
    ],
    [
      'a tier above 100%',
      withChange({ tiers: [{ name: '金牌', minSales: 0, l1RateBp: 9000, l2RateBp: null }], l2RateBp: 1500 }),
      'tiers[0].l1RateBp',
      /100%/,
    ],
    ['a reward for sharing', withChange({ shareReward: 10 }), 'shareReward', /act of sharing/],
  ])('refuses %s with a clear message', (_name, input, path, message) => {
    const violations = settingsViolations(input);
    expect(violations).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('lists every violation at once', () => {
    expect(settingsViolations(withChange({ levels: 3, l1RateBp: 9000, l2RateBp: 2000, shareReward: 1 }))).toHaveLength(
      3,
    );
  });

  it('accepts exactly 100% and a spend condition', () => {
    expect(
      settingsViolations(
        withChange({ l1RateBp: 7000, l2RateBp: 3000, application: { autoApprove: true, minSpend: 9900 } }),
      ),
    ).toEqual([]);
  });
});

describe('ruleViolations', () => {
  it.each([
    [{ percent: { l1Bp: 1000, l2Bp: 500 }, fixed: null }, 0],
    [{ percent: null, fixed: { l1: 100, l2: 0 } }, 0],
    [{ percent: { l1Bp: 9000, l2Bp: 1001 }, fixed: null }, 1],
    [{ percent: null, fixed: null }, 1],
  ])('%j → %i violations', (rule, count) => {
    expect(ruleViolations(rule)).toHaveLength(count);
  });
});
