import { itemDescOf, maskPhone, shippingInfoBody } from './wechat-shipping.policy';

const lines = [
  { id: 1, title: '羊毛围巾' },
  { id: 2, title: '保温杯' },
];
const base = {
  transactionId: '4200000000000000000000000001',
  payerOpenid: 'oPayer',
  receiverPhone: '13800138000',
  lines,
  uploadedAt: new Date('2025-03-01T02:00:00.000Z'),
};

describe('shippingInfoBody', () => {
  it('one parcel is a unified delivery', () => {
    const body = shippingInfoBody({
      ...base,
      parcels: [
        {
          carrier: 'ZTO',
          trackingNo: 'ZT123456',
          items: [
            { lineId: 1, quantity: 2 },
            { lineId: 2, quantity: 1 },
          ],
        },
      ],
    });
    expect(body).toEqual({
      order_key: { order_number_type: 2, transaction_id: base.transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'ZT123456', express_company: 'ZTO', item_desc: '羊毛围巾*2；保温杯' }],
      upload_time: '2025-03-01T10:00:00+08:00',
      payer: { openid: 'oPayer' },
    });
  });

  it('several parcels are a split delivery, all delivered; SF carries the masked phone; YD is YUNDA', () => {
    const body = shippingInfoBody({
      ...base,
      parcels: [
        { carrier: 'SF', trackingNo: 'SF1234567', items: [{ lineId: 1, quantity: 1 }] },
        { carrier: 'YD', trackingNo: 'YD1234567', items: [{ lineId: 2, quantity: 1 }] },
      ],
    });
    expect(body.delivery_mode).toBe(2);
    expect(body.is_all_delivered).toBe(true);
    expect(body.shipping_list).toEqual([
      {
        tracking_no: 'SF1234567',
        express_company: 'SF',
        item_desc: '羊毛围巾',
        contact: { receiver_contact: '138****8000' },
      },
      { tracking_no: 'YD1234567', express_company: 'YUNDA', item_desc: '保温杯' },
    ]);
  });
});

describe('itemDescOf and maskPhone', () => {
  it.each([
    [[{ lineId: 1, quantity: 1 }], '羊毛围巾'],
    [[{ lineId: 9, quantity: 3 }], '商品*3'],
    [[], '商品'],
  ])('itemDescOf(%j) = %s', (items, expected) => {
    expect(itemDescOf(lines, items)).toBe(expected);
  });

  it('caps the description at 120 characters', () => {
    expect(itemDescOf([{ id: 1, title: '长'.repeat(200) }], [{ lineId: 1, quantity: 1 }])).toHaveLength(120);
  });

  it.each([
    ['13800138000', '138****8000'],
    ['123', '****'],
  ])('maskPhone(%s) = %s', (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected);
  });
});
