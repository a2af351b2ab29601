import { DomainError } from '../infra/http/domain-error';

export class OrderNotShippable extends DomainError {
  readonly code = 'ORDER_NOT_SHIPPABLE';
  readonly status = 409;
  constructor(status: string) {
    super('Only orders waiting for shipment (TO_SHIP) can ship', { status });
  }
}

export class TrackingNoTaken extends DomainError {
  readonly code = 'TRACKING_NO_TAKEN';
  readonly status = 409;
  constructor(carrier: string, trackingNo: string) {
    super('This tracking number is already used by another parcel', { carrier, trackingNo });
  }
}

export class ShipmentLineUnknown extends DomainError {
  readonly code = 'SHIPMENT_LINE_UNKNOWN';
  readonly status = 422;
  constructor(lineId: number) {
    super('This line is not part of the order', { lineId: String(lineId) });
  }
}

export class ShipmentQuantityExceeded extends DomainError {
  readonly code = 'SHIPMENT_QUANTITY_EXCEEDED';
  readonly status = 422;
  constructor(lineId: number, left: number) {
    super('More units than are left to ship on this line', { lineId: String(lineId), left });
  }
}

export class NothingToShip extends DomainError {
  readonly code = 'NOTHING_TO_SHIP';
  readonly status = 409;
  constructor() {
    super('Every unit of this order is already in a parcel');
  }
}
