import fc from 'fast-check';
import {
  commissionAfterRefunds,
  lineCommissions,
  percentOf,
  reversalDue,
  type CommissionInputs,
  type CommissionLine,
  type Level,
} from './commission.policy';

const shop = { l1: 1000, l2: 500 };
const base: CommissionInputs = { shop, levels: 2, rule: null, tierRate: {}, activityEarns: false };
const line = (paidAmount: number, quantity = 1, activity: CommissionLine['activity'] = null): CommissionLine => ({
  paidAmount,
  quantity,
  activity,
});
const amounts = (result: { level: number; amount: number }[]) => result.map((r) => [r.level, r.amount]);

describe('lineCommissions', () => {
  const cases: {
    name: string;
    line: CommissionLine;
    levels?: Level[];
    inputs?: Partial<CommissionInputs>;
    expected: number[][];
    rules?: string[];
  }[] = [
    {
      name: 'shop default, both levels',
      line: line(9900),
      expected: [
        [1, 990],
        [2, 495],
      ],
      rules: ['店铺默认 10%', '店铺默认 5%'],
    },
    {
      name: 'floored to the fen',
      line: line(999),
      expected: [
        [1, 99],
        [2, 49],
      ],
    },
    { name: 'only L1 present', line: line(10000), levels: [1], expected: [[1, 1000]] },
    { name: 'shop pays one level', line: line(10000), inputs: { levels: 1 }, expected: [[1, 1000]] },
    {
      name: 'three levels asked: still two',
      line: line(10000),
      inputs: { levels: 3 },
      expected: [
        [1, 1000],
        [2, 500],
      ],
    },
    { name: 'nothing paid, nothing earned', line: line(0), expected: [] },
    { name: 'one fen line', line: line(1), expected: [] },
    {
      name: 'tier overrides L1 only',
      line: line(10000),
      inputs: { tierRate: { 1: 1500, 2: null } },
      expected: [
        [1, 1500],
        [2, 500],
      ],
      rules: ['等级佣金 15%', '店铺默认 5%'],
    },
    {
      name: 'product percent beats tier',
      line: line(10000),
      inputs: { tierRate: { 1: 1500 }, rule: { percent: { l1: 2000, l2: 1000 }, fixed: null } },
      expected: [
        [1, 2000],
        [2, 1000],
      ],
    },
    {
      name: 'fixed wins over percent, per unit',
      line: line(10000, 3),
      inputs: { rule: { percent: { l1: 2000, l2: 1000 }, fixed: { l1: 300, l2: 100 } } },
      expected: [
        [1, 900],
        [2, 300],
      ],
      rules: ['商品固定 ¥3.00/件', '商品固定 ¥1.00/件'],
    },
    {
      name: 'fixed above the paid amount is capped, L2 cut first',
      line: line(1000, 2),
      inputs: { rule: { percent: null, fixed: { l1: 400, l2: 400 } } },
      expected: [
        [1, 800],
        [2, 200],
      ],
    },
    {
      name: 'fixed L1 alone above the line: the whole line, L2 nothing',
      line: line(500, 1),
      inputs: { rule: { percent: null, fixed: { l1: 800, l2: 100 } } },
      expected: [[1, 500]],
    },
    { name: 'activity goods earn nothing by default', line: line(10000, 1, { earnsCommission: null }), expected: [] },
    {
      name: 'activity goods earn when the shop says so',
      line: line(10000, 1, { earnsCommission: null }),
      inputs: { activityEarns: true },
      expected: [
        [1, 1000],
        [2, 500],
      ],
    },
    {
      name: 'the campaign decides over the shop',
      line: line(10000, 1, { earnsCommission: true }),
      expected: [
        [1, 1000],
        [2, 500],
      ],
    },
    {
      name: 'the campaign says no',
      line: line(10000, 1, { earnsCommission: false }),
      inputs: { activityEarns: true },
      expected: [],
    },
    { name: '100% + 0%', line: line(777), inputs: { shop: { l1: 10000, l2: 0 } }, expected: [[1, 777]] },
  ];

  it.each(cases)('$name', ({ line: l, levels, inputs, expected, rules }) => {
    const result = lineCommissions(l, levels ?? [1, 2], { ...base, ...inputs });
    expect(amounts(result)).toEqual(expected);
    if (rules) expect(result.map((r) => r.rule)).toEqual(rules);
    // invariants on every case
    const total = result.reduce((sum, r) => sum + r.amount, 0);
    expect(total).toBeLessThanOrEqual(l.paidAmount);
    for (const r of result) expect(Number.isInteger(r.amount) && r.amount > 0).toBe(true);
  });

  it('never pays more than the line, never a fraction, never a third level (property)', () => {
    const rate = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        rate,
        rate,
        fc.option(fc.record({ l1: fc.integer({ min: 0, max: 100_000 }), l2: fc.integer({ min: 0, max: 100_000 }) })),
        fc.integer({ min: 0, max: 5 }),
        (paid, qty, l1, l2, fixed, levels) => {
          const result = lineCommissions(line(paid, qty), [1, 2], {
            ...base,
            levels,
            shop: { l1, l2 },
            rule: fixed ? { percent: null, fixed } : null,
          });
          const total = result.reduce((sum, r) => sum + r.amount, 0);
          return (
            total <= paid &&
            result.every((r) => Number.isInteger(r.amount) && r.amount > 0 && (r.level === 1 || r.level === 2)) &&
            result.length <= 2
          );
        },
      ),
    );
  });
});

describe('refunds', () => {
  it.each([
    // amount, base, refunded, remaining
    [990, 9900, 0, 990],
    [990, 9900, 4950, 495],
    [990, 9900, 9900, 0],
    [990, 9900, 12000, 0],
    [99, 999, 1, 98],
    [0, 999, 500, 0],
    [100, 0, 0, 0],
  ])('a commission of %i on %i with %i refunded is worth %i', (amount, baseAmount, refunded, remaining) => {
    expect(commissionAfterRefunds(amount, baseAmount, refunded)).toBe(remaining);
  });

  it('reverses in steps that add up to the full reversal', () => {
    const commission = { amount: 990, base: 9900, reversedAmount: 0 };
    let refunded = 0;
    for (const step of [1000, 333, 4000, 4567]) {
      refunded += step;
      const due = reversalDue(commission, refunded);
      expect(due).toBeGreaterThanOrEqual(0);
      commission.reversedAmount += due;
    }
    expect(refunded).toBe(9900);
    expect(commission.reversedAmount).toBe(990);
  });

  it('never reverses more than the commission, whatever the refund sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 8 }),
        (baseAmount, bp, steps) => {
          const commission = { amount: percentOf(baseAmount, bp), base: baseAmount, reversedAmount: 0 };
          let refunded = 0;
          for (const step of steps) {
            refunded = Math.min(baseAmount, refunded + step);
            const due = reversalDue(commission, refunded);
            if (due < 0) return false;
            commission.reversedAmount += due;
            if (commission.reversedAmount > commission.amount) return false;
          }
          return refunded < baseAmount || commission.reversedAmount === commission.amount;
        },
      ),
    );
  });
});
