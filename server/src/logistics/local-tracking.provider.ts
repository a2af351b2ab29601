import { createHash } from 'node:crypto';
import { carrierName } from '@weshop/shared';
import type { TrackingEvent, TrackingProvider, TrackingStatus } from './tracking.provider';

const HUBS = ['杭州', '上海', '广州', '深圳', '北京', '成都', '武汉', '南京', '西安', '郑州', '长沙', '苏州'];

/** Hours after shipping of each step (plus up to 59 minutes of per-parcel jitter). */
const STEPS: Array<{ hours: number; status: TrackingStatus; text: (r: RouteParts) => string }> = [
  { hours: 0, status: 'COLLECTED', text: (r) => `【${r.origin}】${r.carrier} 已揽收` },
  { hours: 4, status: 'IN_TRANSIT', text: (r) => `快件已到达【${r.origin}转运中心】` },
  {
    hours: 10,
    status: 'IN_TRANSIT',
    text: (r) => `快件已从【${r.origin}转运中心】发出，下一站【${r.destination}转运中心】`,
  },
  { hours: 30, status: 'IN_TRANSIT', text: (r) => `快件已到达【${r.destination}转运中心】` },
  { hours: 44, status: 'IN_TRANSIT', text: (r) => `快件已到达【${r.destination}${r.station}营业部】` },
  {
    hours: 50,
    status: 'DELIVERING',
    text: (r) => `【${r.destination}${r.station}营业部】快递员正在派送，请保持电话畅通`,
  },
  { hours: 60, status: 'DELIVERED', text: (r) => `快件已签收，签收人：本人。感谢使用${r.carrier}，期待再次为您服务` },
];

interface RouteParts {
  carrier: string;
  origin: string;
  destination: string;
  station: string;
}

/**
 * The whole route of a parcel, oldest first: 揽收 → 运输中 → 派送中 → 已签收 over about 2.5 days
 * from `shippedAt`. Deterministic: the cities and minute offsets come from a hash of the carrier
 * and tracking number, so the same parcel always shows the same route.
 */
export function localRoute(carrier: string, trackingNo: string, shippedAt: Date): TrackingEvent[] {
  const hash = createHash('sha256').update(`${carrier}:${trackingNo}`).digest();
  const origin = HUBS[hash[0] % HUBS.length];
  let destination = HUBS[hash[1] % HUBS.length];
  if (destination === origin) destination = HUBS[(hash[1] + 1) % HUBS.length];
  const parts: RouteParts = { carrier: carrierName(carrier), origin, destination, station: `第${(hash[2] % 9) + 1}` };
  return STEPS.map((step, i) => ({
    at: new Date(shippedAt.getTime() + step.hours * 3_600_000 + (i === 0 ? 0 : hash[3 + i] % 60) * 60_000),
    status: step.status,
    text: step.text(parts),
  }));
}

/** The development provider: the generated route up to `now` (the shop clock), newest first. */
export class LocalTrackingProvider implements TrackingProvider {
  track(carrier: string, trackingNo: string, shippedAt: Date, now: Date): TrackingEvent[] {
    return localRoute(carrier, trackingNo, shippedAt)
      .filter((event) => event.at.getTime() <= now.getTime())
      .reverse();
  }
}
