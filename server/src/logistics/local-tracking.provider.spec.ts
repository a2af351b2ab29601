import { LocalTrackingProvider, localRoute } from './local-tracking.provider';

const shippedAt = new Date('2025-03-01T02:00:00Z');
const hours = (h: number) => new Date(shippedAt.getTime() + h * 3_600_000);
const provider = new LocalTrackingProvider();

describe('LocalTrackingProvider', () => {
  it('is deterministic per parcel and moves forward in time', () => {
    const route = localRoute('SF', 'SF1234567890', shippedAt);
    expect(localRoute('SF', 'SF1234567890', shippedAt)).toEqual(route);
    expect(route[0].at).toEqual(shippedAt);
    for (let i = 1; i < route.length; i++) expect(route[i].at.getTime()).toBeGreaterThan(route[i - 1].at.getTime());
    expect(route.map((e) => e.status)).toEqual([
      'COLLECTED',
      'IN_TRANSIT',
      'IN_TRANSIT',
      'IN_TRANSIT',
      'IN_TRANSIT',
      'DELIVERING',
      'DELIVERED',
    ]);
    expect(route[0].text).toContain('顺丰速运');
    expect(route.at(-1)!.at.getTime()).toBeLessThan(hours(72).getTime());
  });

  it.each([
    // hours after shipping, events shown, latest status
    [-1, 0, undefined],
    [0, 1, 'COLLECTED'],
    [5, 2, 'IN_TRANSIT'],
    [52, 6, 'DELIVERING'],
    [72, 7, 'DELIVERED'],
    [24 * 30, 7, 'DELIVERED'],
  ])('at +%ih shows %i events, latest %s', (h, count, latest) => {
    const events = provider.track('ZTO', '75012345678901', shippedAt, hours(h));
    expect(events).toHaveLength(count);
    expect(events[0]?.status).toBe(latest);
  });

  it('different parcels get different routes', () => {
    const texts = (no: string) => localRoute('YTO', no, shippedAt).map((e) => e.text + e.at.toISOString());
    expect(texts('YT0000000001')).not.toEqual(texts('YT0000000002'));
  });
});
