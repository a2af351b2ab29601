import {
  applicationConditionText,
  bindingUntilText,
  bpToPercentInput,
  fenToYuanInput,
  formatBp,
  negativeBalanceNote,
  percentInputToBp,
  shareRefOf,
} from './distribution';
import { productSharePath, productShareQuery } from './share';

describe('formatBp', () => {
  it.each<[number, string]>([
    [0, '0%'],
    [1, '0.01%'],
    [10, '0.1%'],
    [1_000, '10%'],
    [1_250, '12.5%'],
    [1_234, '12.34%'],
    [10_000, '100%'],
  ])('%i bp -> %s', (bp, text) => {
    expect(formatBp(bp)).toBe(text);
  });
});

describe('percentInputToBp', () => {
  it.each<[string, number | null]>([
    ['10', 1_000],
    ['12.5', 1_250],
    ['0.01', 1],
    [' 8 ', 800],
    ['0', 0],
    ['100', 10_000],
    ['100.01', null],
    ['101', null],
    ['12.345', null],
    ['-1', null],
    ['', null],
    ['abc', null],
    ['1e2', null],
  ])('%j -> %j', (input, bp) => {
    expect(percentInputToBp(input)).toBe(bp);
  });

  it.each([0, 1, 10, 999, 1_000, 1_250, 10_000])('round-trips %i bp through the input', (bp) => {
    expect(percentInputToBp(bpToPercentInput(bp))).toBe(bp);
  });

  it('an unset tier rate is an empty input', () => {
    expect(bpToPercentInput(null)).toBe('');
  });
});

describe('fenToYuanInput', () => {
  it.each<[number, string]>([
    [100, '1'],
    [1_230, '12.3'],
    [1_234, '12.34'],
    [5, '0.05'],
    [0, '0'],
    [2_000_000, '20000'],
  ])('%i fen -> %j', (fen, text) => {
    expect(fenToYuanInput(fen)).toBe(text);
  });
});

describe('negativeBalanceNote', () => {
  const balances = { pending: 0, withdrawable: 0, inFlight: 0, withdrawn: 0 };
  it('explains a negative balance with its amount', () => {
    const note = negativeBalanceNote({ ...balances, balance: -350 });
    expect(note).toContain('-¥3.50');
    expect(note).toContain('退款');
  });
  it.each([0, 1, 10_000])('says nothing at %i fen', (balance) => {
    expect(negativeBalanceNote({ ...balances, balance })).toBeNull();
  });
});

describe('applicationConditionText', () => {
  it.each<[{ open: boolean; autoApprove: boolean; minSpend: number; spent: number }, string]>([
    [{ open: true, autoApprove: true, minSpend: 0, spent: 0 }, '无门槛，免费申请；提交后自动通过'],
    [{ open: true, autoApprove: false, minSpend: 0, spent: 0 }, '无门槛，免费申请；提交后由店铺审核'],
    [
      { open: false, autoApprove: false, minSpend: 10_000, spent: 2_550 },
      '累计消费满 ¥100.00 可申请（已消费 ¥25.50）；提交后由店铺审核',
    ],
  ])('%j', (application, text) => {
    expect(applicationConditionText(application)).toBe(text);
  });
});

describe('bindingUntilText', () => {
  it('null is permanent', () => expect(bindingUntilText(null)).toBe('永久'));
  it('a date in the device time zone', () => {
    const d = new Date(2027, 0, 5, 10, 0, 0);
    expect(bindingUntilText(d.toISOString())).toBe('2027-01-05');
  });
});

describe('shares carry only an approved distributor’s code', () => {
  it.each<[Parameters<typeof shareRefOf>[0], string | null]>([
    [{ status: 'APPROVED', code: 'K7M3PQ' }, 'K7M3PQ'],
    [{ status: 'PENDING', code: null }, null],
    [{ status: 'REJECTED', code: 'K7M3PQ' }, null],
    [{ status: 'NONE', code: null }, null],
    [null, null],
  ])('%j -> %j', (me, ref) => {
    expect(shareRefOf(me)).toBe(ref);
  });

  it.each<[string, string | null, string]>([
    ['12', 'K7M3PQ', '/pages/product/index?id=12&ref=K7M3PQ'],
    ['12', null, '/pages/product/index?id=12'],
  ])('productSharePath(%j, %j)', (id, ref, path) => {
    expect(productSharePath(id, ref)).toBe(path);
    expect(productShareQuery(id, ref)).toBe(path.split('?')[1]);
  });
});
