import { SettingsMemo } from './settings-memo';

describe('SettingsMemo', () => {
  const counter = () => {
    let loads = 0;
    return { load: async () => ++loads, loads: () => loads };
  };

  it('loads once for the callers within its time, together when they arrive at once', async () => {
    const memo = new SettingsMemo<number>(60_000);
    const c = counter();
    expect(await Promise.all([memo.get(c.load), memo.get(c.load), memo.get(c.load)])).toEqual([1, 1, 1]);
    expect(await memo.get(c.load)).toBe(1);
    expect(c.loads()).toBe(1);
  });

  it('loads again once its time is over', async () => {
    const memo = new SettingsMemo<number>(0);
    const c = counter();
    await memo.get(c.load);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await memo.get(c.load)).toBe(2);
  });

  it('forgets on clear(), also a load still under way', async () => {
    const memo = new SettingsMemo<number>(60_000);
    let release!: (n: number) => void;
    const slow = memo.get(() => new Promise<number>((resolve) => (release = resolve)));
    memo.clear();
    const c = counter();
    expect(await memo.get(c.load)).toBe(1);
    release(99);
    expect(await slow).toBe(99);
    expect(await memo.get(c.load)).toBe(1);
  });

  it('lets the callers who waited for a failed load load themselves', async () => {
    const memo = new SettingsMemo<number>(60_000);
    let fail!: (e: Error) => void;
    const first = memo.get(() => new Promise<number>((_, reject) => (fail = reject)));
    const waiting = memo.get(async () => 5);
    fail(new Error('transaction closed'));
    await expect(first).rejects.toThrow('transaction closed');
    expect(await waiting).toBe(5);
  });

  it('does not keep a failed load', async () => {
    const memo = new SettingsMemo<number>(60_000);
    await expect(memo.get(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get(async () => 7)).toBe(7);
  });
});
