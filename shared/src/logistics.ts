import { z } from 'zod';

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');

/** Carriers the shop ships with: code → display name (快递公司). */
export const CARRIERS = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'YD', name: '韵达快递' },
  { code: 'STO', name: '申通快递' },
  { code: 'JD', name: '京东物流' },
  { code: 'EMS', name: 'EMS' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'DBL', name: '德邦快递' },
] as const;
export const CarrierCode = z.enum(CARRIERS.map((c) => c.code) as [string, ...string[]]);
export type CarrierCode = z.infer<typeof CarrierCode>;

/** The display name of a carrier code (the code itself when unknown). */
export const carrierName = (code: string): string => CARRIERS.find((c) => c.code === code)?.name ?? code;

export const ShipItemInput = z
  .object({
    lineId: Id,
    quantity: z.number().int().min(1).max(999),
  })
  .strict();
export type ShipItemInput = z.infer<typeof ShipItemInput>;

/**
 * Body of POST /admin/orders/:id/ship: one parcel. Without `items` the parcel holds every unit
 * not shipped yet; with them, only those units (split shipping, 拆单发货).
 */
export const ShipRequest = z
  .object({
    carrier: CarrierCode,
    trackingNo: z.string().regex(/^[A-Za-z0-9]{6,32}$/, 'must be 6-32 letters or digits'),
    items: z
      .array(ShipItemInput)
      .min(1)
      .max(50)
      .refine((items) => new Set(items.map((i) => i.lineId)).size === items.length, {
        message: 'each line may appear once',
      })
      .optional(),
  })
  .strict();
export type ShipRequest = z.infer<typeof ShipRequest>;

export const TrackingEventView = z.object({
  at: z.string(),
  text: z.string(),
  /** COLLECTED 揽收, IN_TRANSIT 运输中, DELIVERING 派送中, DELIVERED 已签收. */
  status: z.enum(['COLLECTED', 'IN_TRANSIT', 'DELIVERING', 'DELIVERED']),
});
export type TrackingEventView = z.infer<typeof TrackingEventView>;

export const ParcelView = z.object({
  id: z.string(),
  carrier: z.string(),
  carrierName: z.string(),
  trackingNo: z.string(),
  shippedAt: z.string(),
  items: z.array(z.object({ lineId: z.string(), title: z.string(), quantity: z.number().int() })),
  /** The latest status, null before the carrier has reported anything. */
  status: TrackingEventView.shape.status.nullable(),
  /** Newest first. */
  events: z.array(TrackingEventView),
});
export type ParcelView = z.infer<typeof ParcelView>;

/** GET /orders/:id/logistics. */
export const OrderLogistics = z.object({ parcels: z.array(ParcelView) });
export type OrderLogistics = z.infer<typeof OrderLogistics>;

/** GET /logistics/carriers. */
export const CarrierList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });
export type CarrierList = z.infer<typeof CarrierList>;
