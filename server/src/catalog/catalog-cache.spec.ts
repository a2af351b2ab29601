import { CatalogCache } from './catalog-cache';

/** A load whose answer the test gives when it wants, counting how often it ran. */
function controlledLoad() {
  const calls: Array<(value: { page: number }) => void> = [];
  const load = () => new Promise<{ page: number }>((resolve) => calls.push(resolve));
  return { load, calls };
}

describe('CatalogCache', () => {
  afterEach(() => jest.useRealTimers());

  it('serves an entry from memory until it expires', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new CatalogCache();
    let loads = 0;
    const load = async () => ({ page: ++loads });
    expect(await cache.get('p1', load)).toEqual({ page: 1 });
    jest.setSystemTime(cache.ttlMs - 1);
    expect(await cache.get('p1', load)).toEqual({ page: 1 });
    jest.setSystemTime(cache.ttlMs + 1);
    expect(await cache.get('p1', load)).toEqual({ page: 2 });
  });

  it('lets the requests that miss together wait for one load', async () => {
    const cache = new CatalogCache();
    const { load, calls } = controlledLoad();
    const answers = [cache.get('p1', load), cache.get('p1', load), cache.get('p1', load)];
    expect(calls).toHaveLength(1);
    calls[0]({ page: 1 });
    const values = await Promise.all(answers);
    expect(values.every((v) => v === values[0])).toBe(true);
  });

  it('loads each key on its own', async () => {
    const cache = new CatalogCache();
    const { load, calls } = controlledLoad();
    void cache.get('p1', load);
    void cache.get('p2', load);
    expect(calls).toHaveLength(2);
  });

  it('does not keep a load that started before clear()', async () => {
    const cache = new CatalogCache();
    const before = controlledLoad();
    const stale = cache.get('p1', before.load);
    cache.clear();
    const after = controlledLoad();
    const fresh = cache.get('p1', after.load);
    expect(after.calls).toHaveLength(1);
    before.calls[0]({ page: 1 });
    after.calls[0]({ page: 2 });
    expect(await stale).toEqual({ page: 1 });
    expect(await fresh).toEqual({ page: 2 });
    expect(await cache.get('p1', async () => ({ page: 3 }))).toEqual({ page: 2 });
  });

  it('shares a failed load with its waiters and tries again on the next request', async () => {
    const cache = new CatalogCache();
    const failing = () => Promise.reject(new Error('database down'));
    await expect(Promise.all([cache.get('p1', failing), cache.get('p1', failing)])).rejects.toThrow('database down');
    expect(await cache.get('p1', async () => ({ page: 1 }))).toEqual({ page: 1 });
  });
});
