import type { AftersaleStatus, AftersaleTimelineEntry, AftersaleView } from '@weshop/shared';
import { pathTo } from './aftersale-state';
import type { AftersaleRecord } from './aftersales.repository';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * When the after-sale reached `status`, from what is stored: its creation, its last change (the
 * current state), and its refund (created on entering REFUNDING, succeeded on REFUNDED). Steps the
 * schema does not stamp (APPROVED and RETURNING of a return that moved on) show `at: null`.
 * TODO(schema): an `aftersale_event` table (from, to, actor, note, at) would make this exact.
 */
function reachedAt(row: AftersaleRecord, status: AftersaleStatus): Date | null {
  if (status === row.status) return row.updatedAt;
  switch (status) {
    case 'REQUESTED':
      return row.createdAt;
    case 'REFUNDING':
      return row.refund?.createdAt ?? null;
    case 'REFUNDED':
      return row.refund?.succeededAt ?? null;
    case 'APPROVED': // refund only: approved and refunding in one step
      return row.type === 'REFUND' ? (row.refund?.createdAt ?? null) : null;
    case 'RECEIVED': // received and refunding in one step
      return row.refund?.createdAt ?? null;
    default:
      return null;
  }
}

function noteOf(row: AftersaleRecord): string | null {
  if (row.status !== 'REFUNDING') return null;
  if (row.refund?.status === 'CLOSED') return '微信退款失败，等待商家重新发起退款';
  if (row.refund?.status === 'ABNORMAL') return '退款异常，等待商家处理';
  return null;
}

/** The after-sale as the API shows it (money in fen, ids as strings, times ISO-8601). */
export function toAftersaleView(row: AftersaleRecord): AftersaleView {
  const timeline: AftersaleTimelineEntry[] = pathTo(row.type, row.status).map((status) => ({
    status,
    at: iso(reachedAt(row, status)),
  }));
  return {
    id: String(row.id),
    aftersaleNo: row.aftersaleNo,
    orderId: String(row.orderId),
    orderNo: row.order.orderNo,
    type: row.type,
    status: row.status,
    amount: row.amount,
    quantity: row.quantity,
    reason: row.reason,
    rejectReason: row.rejectReason,
    returnCarrier: row.returnCarrier,
    returnTrackingNo: row.returnTrackingNo,
    line: {
      id: String(row.orderLine.id),
      skuId: String(row.orderLine.skuId),
      title: row.orderLine.title,
      quantity: row.orderLine.quantity,
      paidAmount: row.orderLine.paidAmount,
      refundedAmount: row.orderLine.refundedAmount,
    },
    refund: row.refund
      ? { status: row.refund.status, amount: row.refund.amount, succeededAt: iso(row.refund.succeededAt) }
      : null,
    note: noteOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    timeline,
  };
}
