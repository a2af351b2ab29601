import type { TrackingEventView } from '@weshop/shared';

export type TrackingStatus = TrackingEventView['status'];

export interface TrackingEvent {
  at: Date;
  text: string;
  status: TrackingStatus;
}

/**
 * Where a parcel's route comes from (a carrier API, 快递100, or the local generator). Returns the
 * events known at `now`, newest first.
 */
export interface TrackingProvider {
  track(carrier: string, trackingNo: string, shippedAt: Date, now: Date): TrackingEvent[] | Promise<TrackingEvent[]>;
}

/** Nest injection token of the TrackingProvider in use. */
export const TRACKING_PROVIDER = Symbol('TrackingProvider');
