import { AFTERSALE_STATUSES, AFTERSALE_TYPES, type AftersaleStatus, type AftersaleType } from '@weshop/shared';
import {
  AFTERSALE_TRANSITIONS,
  canTransition,
  HAPPY_PATH,
  isTerminal,
  OPEN_AFTERSALE_STATUSES,
  pathTo,
  sourcesOf,
} from './aftersale-state';

/** Every state reachable from REQUESTED for one type, walking the table breadth first. */
function walk(type: AftersaleType): Set<AftersaleStatus> {
  const seen = new Set<AftersaleStatus>(['REQUESTED']);
  const queue: AftersaleStatus[] = ['REQUESTED'];
  while (queue.length) {
    const from = queue.shift()!;
    for (const to of AFTERSALE_STATUSES) {
      if (canTransition(type, from, to) && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('AFTERSALE_TRANSITIONS', () => {
  it('covers every status and points only at known statuses and types', () => {
    expect(Object.keys(AFTERSALE_TRANSITIONS).sort()).toEqual([...AFTERSALE_STATUSES].sort());
    for (const targets of Object.values(AFTERSALE_TRANSITIONS)) {
      for (const [to, types] of Object.entries(targets)) {
        expect(AFTERSALE_STATUSES).toContain(to);
        for (const type of types ?? []) expect(AFTERSALE_TYPES).toContain(type);
      }
    }
  });

  it('walks refund only through every state but the return steps', () => {
    expect([...walk('REFUND')].sort()).toEqual(
      ['APPROVED', 'CANCELLED', 'REFUNDED', 'REFUNDING', 'REJECTED', 'REQUESTED'].sort(),
    );
  });

  it('walks return and refund through every state', () => {
    expect([...walk('RETURN_REFUND')].sort()).toEqual([...AFTERSALE_STATUSES].sort());
  });

  it.each(AFTERSALE_TYPES)('%s: the happy path is a chain of allowed steps ending REFUNDED', (type) => {
    const path = HAPPY_PATH[type];
    expect(path[0]).toBe('REQUESTED');
    expect(path[path.length - 1]).toBe('REFUNDED');
    for (let i = 1; i < path.length; i++) expect(canTransition(type, path[i - 1], path[i])).toBe(true);
  });

  it.each(['REFUNDED', 'REJECTED', 'CANCELLED'] as const)('%s is terminal', (status) => {
    expect(isTerminal(status)).toBe(true);
    expect(OPEN_AFTERSALE_STATUSES).not.toContain(status);
  });

  it('counts every non-terminal state as open', () => {
    expect([...OPEN_AFTERSALE_STATUSES].sort()).toEqual(
      ['APPROVED', 'RECEIVED', 'REFUNDING', 'REQUESTED', 'RETURNING'].sort(),
    );
  });

  it.each([
    ['REFUND', 'REQUESTED', 'APPROVED', true],
    ['REFUND', 'APPROVED', 'REFUNDING', true],
    ['REFUND', 'APPROVED', 'RETURNING', false], // refund only: nothing comes back
    ['RETURN_REFUND', 'APPROVED', 'REFUNDING', false], // no money before the goods are back
    ['RETURN_REFUND', 'RETURNING', 'RECEIVED', true],
    ['RETURN_REFUND', 'RECEIVED', 'REFUNDING', true],
    ['REFUND', 'REQUESTED', 'REFUNDING', false], // the merchant approves first
    ['REFUND', 'APPROVED', 'CANCELLED', false], // the buyer cancels only before the merchant decides
    ['REFUND', 'REFUNDING', 'REJECTED', false], // money on its way is never rejected
    ['REFUND', 'REFUNDED', 'REFUNDING', false], // a second refund notification changes nothing
    ['RETURN_REFUND', 'REJECTED', 'APPROVED', false],
  ] as const)('%s: %s → %s allowed: %p', (type, from, to, allowed) => {
    expect(canTransition(type, from, to)).toBe(allowed);
  });

  it.each([
    ['REFUND', 'REFUNDING', ['APPROVED']],
    ['RETURN_REFUND', 'REFUNDING', ['RECEIVED']],
    ['REFUND', 'RETURNING', []],
    ['RETURN_REFUND', 'REFUNDED', ['REFUNDING']],
    ['REFUND', 'CANCELLED', ['REQUESTED']],
  ] as const)('%s: sources of %s are %j', (type, to, from) => {
    expect(sourcesOf(type, to)).toEqual(from);
  });

  it.each([
    ['REFUND', 'REFUNDED', ['REQUESTED', 'APPROVED', 'REFUNDING', 'REFUNDED']],
    ['RETURN_REFUND', 'RECEIVED', ['REQUESTED', 'APPROVED', 'RETURNING', 'RECEIVED']],
    ['RETURN_REFUND', 'REJECTED', ['REQUESTED', 'REJECTED']],
    ['REFUND', 'CANCELLED', ['REQUESTED', 'CANCELLED']],
    ['REFUND', 'REQUESTED', ['REQUESTED']],
  ] as const)('%s: the path to %s is %j', (type, status, path) => {
    expect(pathTo(type, status)).toEqual(path);
  });
});
