import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_MOMENT_TEMPLATES, SubscriptionRequest } from './notification';

describe('SubscriptionRequest', () => {
  it.each([
    [{ results: { ORDER_SHIPPED: 'accept' } }, true],
    [{ results: { ORDER_SHIPPED: 'accept', REFUND_DONE: 'reject', GROUP_FAILED: 'ban' } }, true],
    [{ results: { POINTS_EXPIRING: 'filter' } }, true],
    [{ results: { NOT_A_TEMPLATE: 'accept' } }, false],
    [{ results: { ORDER_SHIPPED: 'yes' } }, false],
    [{ results: {} }, false],
    [{ results: { ORDER_SHIPPED: 'accept' }, extra: 1 }, false],
    [{}, false],
  ])('%j → valid %s', (body, valid) => {
    expect(SubscriptionRequest.safeParse(body).success).toBe(valid);
  });
});

it('no moment asks for more than WeChat allows in one request', () => {
  for (const keys of Object.values(SUBSCRIBE_MOMENT_TEMPLATES))
    expect(keys.length).toBeLessThanOrEqual(MAX_TEMPLATES_PER_REQUEST);
});
