import { ATTRIBUTION_WINDOW_MS, visitForOrder, type VisitCandidate } from './visit-choice.policy';

const orderAt = new Date('2026-11-24T12:00:00.000Z');
const hoursBefore = (h: number) => new Date(orderAt.getTime() - h * 3600 * 1000);
const visit = (id: number, source: string, hours: number): VisitCandidate => ({
  id,
  source,
  createdAt: hoursBefore(hours),
});

describe('visitForOrder: last non-direct touch within 7 days', () => {
  it.each<[string, VisitCandidate[], number | null]>([
    ['no visits → none (the order is DIRECT)', [], null],
    ['one group-chat visit', [visit(1, 'GROUP_CHAT', 2)], 1],
    ['the latest of two sourced visits', [visit(1, 'GROUP_CHAT', 30), visit(2, 'SINGLE_CHAT', 3)], 2],
    ['a later DIRECT reopen does not erase the group card', [visit(1, 'GROUP_CHAT', 30), visit(2, 'DIRECT', 1)], 1],
    ['OTHER (another mini-program) is a source too', [visit(1, 'OTHER', 5), visit(2, 'DIRECT', 1)], 1],
    ['only DIRECT visits → the latest of them', [visit(1, 'DIRECT', 30), visit(2, 'DIRECT', 1)], 2],
    [
      'a sourced visit older than 7 days falls out; the DIRECT one inside stays',
      [visit(1, 'GROUP_CHAT', 7 * 24 + 1), visit(2, 'DIRECT', 1)],
      2,
    ],
    ['exactly 7 days before is still inside', [visit(1, 'MOMENTS', 7 * 24)], 1],
    ['everything older than 7 days → none', [visit(1, 'CODE', 200), visit(2, 'DIRECT', 300)], null],
    ['a visit after the order is not what led to it', [visit(1, 'SEARCH', 5), visit(2, 'GROUP_CHAT', -1)], 1],
    ['same instant → the later row', [visit(7, 'SINGLE_CHAT', 2), visit(9, 'GROUP_CHAT', 2), visit(8, 'CODE', 2)], 9],
    ['order of the input does not matter', [visit(3, 'CODE', 1), visit(1, 'SEARCH', 50), visit(2, 'DIRECT', 0)], 3],
  ])('%s', (_name, visits, expected) => {
    expect(visitForOrder(visits, orderAt)?.id ?? null).toBe(expected);
  });

  it('the window is a parameter (7 days by default)', () => {
    expect(ATTRIBUTION_WINDOW_MS).toBe(604_800_000);
    expect(visitForOrder([visit(1, 'CODE', 3)], orderAt, 2 * 3600 * 1000)).toBeNull();
  });
});
