import { act, render } from '@testing-library/react';
import { formatCountdown, secondsLeft } from '../../../../utils/countdown';
import { Countdown } from './index';

describe('secondsLeft / formatCountdown', () => {
  const expiresAt = '2026-11-24T10:30:00.000Z';
  it.each<[string, number, string]>([
    ['30 minutes before', Date.parse('2026-11-24T10:00:00.000Z'), '30:00'],
    ['1.2 s before rounds up', Date.parse('2026-11-24T10:29:58.800Z'), '00:02'],
    ['exactly at the deadline', Date.parse(expiresAt), '00:00'],
    ['after the deadline', Date.parse('2026-11-24T11:00:00.000Z'), '00:00'],
    ['more than an hour stays in minutes', Date.parse('2026-11-24T08:59:59.000Z'), '90:01'],
  ])('%s', (_case, now, expected) => {
    expect(formatCountdown(secondsLeft(expiresAt, now))).toBe(expected);
  });

  it('an unparseable deadline counts as expired', () => {
    expect(secondsLeft('not a date', 0)).toBe(0);
  });
});

describe('Countdown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows mm:ss from the server’s expiresAt and a fake clock, ticks, and calls onExpire once at 00:00', () => {
    let now = Date.parse('2026-11-24T10:28:57.000Z');
    const onExpire = jest.fn();
    const { container } = render(
      <Countdown expiresAt="2026-11-24T10:29:00.000Z" now={() => now} onExpire={onExpire} />,
    );
    const text = () => container.querySelector('.countdown')?.textContent;
    expect(text()).toBe('00:03');

    act(() => {
      now += 1_000;
      jest.advanceTimersByTime(1_000);
    });
    expect(text()).toBe('00:02');
    expect(onExpire).not.toHaveBeenCalled();

    act(() => {
      now += 5_000;
      jest.advanceTimersByTime(5_000);
    });
    expect(text()).toBe('00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
