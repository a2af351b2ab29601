import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { GroupBuyCampaignView } from '@weshop/shared';
import { GroupBuy } from './index';
import { GroupCountdown } from './group-countdown';

const requestMock = Taro.request as unknown as jest.Mock;
const navigateTo = Taro.navigateTo as unknown as jest.Mock;
const showToast = Taro.showToast as unknown as jest.Mock;

const inOneHour = () => new Date(Date.now() + 3_600_000 + 500).toISOString();

function campaign(patch: Partial<GroupBuyCampaignView> = {}): GroupBuyCampaignView {
  return {
    id: '3',
    title: '双人拼团',
    productId: '7',
    communityId: null,
    groupSize: 2,
    durationMinutes: 1_440,
    startsAt: '2026-11-24T00:00:00.000Z',
    endsAt: '2099-12-01T00:00:00.000Z',
    quotaLeft: 10,
    perOrderLimit: 2,
    perUserLimit: 2,
    newCustomersOnly: false,
    autoComplete: false,
    skus: [
      { skuId: '10', specs: { 颜色: '红' }, price: 12_900, groupPrice: 9_900, leaderPrice: 8_900, stock: 5 },
      { skuId: '11', specs: { 颜色: '蓝' }, price: 13_900, groupPrice: 10_900, leaderPrice: null, stock: 5 },
    ],
    openGroups: [{ id: '41', leader: { nickname: '阿珍', avatar: '' }, seatsLeft: 1, expiresAt: inOneHour() }],
    ...patch,
  };
}

const text = (selector: string) => document.querySelector(selector)?.textContent;
const flush = () => act(async () => undefined);

beforeEach(() => {
  requestMock.mockReset();
  navigateTo.mockClear();
  showToast.mockClear();
});

describe('GroupBuy on the product page', () => {
  it('asks for the product’s campaigns and shows nothing without one', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [] });
    const { container } = render(<GroupBuy productId="7" selection={{ skuId: null, quantity: 1 }} />);
    await flush();
    expect(requestMock.mock.calls[0][0].url).toBe('/api/v1/groupbuys/campaigns?productId=7');
    expect(container.innerHTML).toBe('');
  });

  it('shows nothing when the campaigns cannot be loaded (the product still sells normally)', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'x' } } });
    const { container } = render(<GroupBuy productId="7" selection={{ skuId: null, quantity: 1 }} />);
    await flush();
    expect(container.innerHTML).toBe('');
  });

  it('shows the lowest group and leader prices, the rules and the open groups with 还差N人 and a countdown', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [campaign()] });
    render(<GroupBuy productId="7" selection={{ skuId: null, quantity: 1 }} />);
    await flush();
    expect(text('.group-buy__tag')).toBe('2人团');
    expect(text('.group-buy__price')).toBe('¥99.00');
    expect(text('.group-buy__leader')).toBe('团长价 ¥89.00');
    expect(text('.group-buy__single')).toBe('单买 ¥129.00');
    expect(text('.group-buy__rules')).toContain('开团后 24小时 内邀请 1 位好友参团');
    expect(text('.open-group[data-id="41"] .open-group__name')).toBe('阿珍');
    expect(text('.open-group[data-id="41"] .open-group__seats')).toBe('还差1人');
    expect(text('.open-group[data-id="41"] .group-countdown')).toMatch(/^01:00:0\d$/);
    // The leader has no picture: the first character stands in.
    expect(text('.open-group[data-id="41"] .group-avatar--blank')).toBe('阿');
  });

  it('follows the chosen SKU’s prices', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [campaign()] });
    render(<GroupBuy productId="7" selection={{ skuId: '11', quantity: 1 }} />);
    await flush();
    expect(text('.group-buy__price')).toBe('¥109.00');
    expect(document.querySelector('.group-buy__leader')).toBeNull();
  });

  it('发起拼团 opens confirm with the campaign; 去参团 with the group too; capped at the per-order limit', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [campaign()] });
    render(<GroupBuy productId="7" selection={{ skuId: '10', quantity: 5 }} />);
    await flush();
    fireEvent.click(document.querySelector('.group-buy__open')!);
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/order/confirm/index?items=10%3A2&gb=3' });
    fireEvent.click(document.querySelector('.open-group[data-id="41"] .open-group__join')!);
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/order/confirm/index?items=10%3A2&gb=3&group=41',
    });
  });

  it('asks for a SKU first when the campaign has several and none is chosen', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [campaign()] });
    render(<GroupBuy productId="7" selection={{ skuId: null, quantity: 1 }} />);
    await flush();
    fireEvent.click(document.querySelector('.group-buy__open')!);
    expect(navigateTo).not.toHaveBeenCalled();
    expect(showToast).toHaveBeenCalledWith({ title: '请先选择规格', icon: 'none' });
  });

  it('turns 发起拼团 off when the quota is used up', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: [campaign({ quotaLeft: 0, openGroups: [] })] });
    render(<GroupBuy productId="7" selection={{ skuId: '10', quantity: 1 }} />);
    await flush();
    const open = document.querySelector<HTMLButtonElement>('.group-buy__open')!;
    expect(open.disabled).toBe(true);
    expect(open.textContent).toBe('名额已抢光');
    expect(document.querySelector('.group-buy__groups')).toBeNull();
  });
});

describe('GroupCountdown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows hh:mm:ss (days in front) from the server’s expiresAt, ticks, and calls onExpire once', () => {
    let now = Date.parse('2026-11-24T10:00:00.000Z');
    const onExpire = jest.fn();
    const { container, rerender } = render(
      <GroupCountdown expiresAt="2026-11-25T11:00:02.000Z" now={() => now} onExpire={onExpire} />,
    );
    const shown = () => container.querySelector('.group-countdown')?.textContent;
    expect(shown()).toBe('1天 01:00:02');

    const clock = () => now;
    rerender(<GroupCountdown expiresAt="2026-11-24T10:00:02.000Z" now={clock} onExpire={onExpire} />);
    expect(shown()).toBe('00:00:02');
    act(() => {
      now += 1_000;
      jest.advanceTimersByTime(1_000);
    });
    expect(shown()).toBe('00:00:01');
    act(() => {
      now += 5_000;
      jest.advanceTimersByTime(5_000);
    });
    expect(shown()).toBe('00:00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
