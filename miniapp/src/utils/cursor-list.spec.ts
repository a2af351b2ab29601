import { mergeCursorPage, removeById, replaceById } from './cursor-list';

type Row = { id: string; v?: number };
const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }));
const ids = (list: Row[]) => list.map((r) => r.id);

describe('mergeCursorPage', () => {
  it.each<[string, Row[], Row[], boolean, string[]]>([
    ['first page into nothing', [], rows('9', '8'), false, ['9', '8']],
    ['next page appended in its order', rows('9', '8'), rows('7', '6'), false, ['9', '8', '7', '6']],
    // A post published while scrolling pushes 8 onto the next page: it is not shown twice.
    ['overlap left out', rows('9', '8'), rows('8', '7'), false, ['9', '8', '7']],
    ['a page of rows already shown', rows('9', '8'), rows('9', '8'), false, ['9', '8']],
    ['empty last page', rows('9'), [], false, ['9']],
    ['reset replaces', rows('9', '8'), rows('10', '9'), true, ['10', '9']],
    ['reset with a repeated id keeps one', [], rows('3', '3', '2'), true, ['3', '2']],
  ])('%s', (_case, prev, items, reset, expected) => {
    const before = ids(prev);
    const merged = mergeCursorPage(prev, { items, nextCursor: null }, reset);
    expect(ids(merged)).toEqual(expected);
    // Invariants: never a duplicate id; the previous list is not mutated.
    expect(new Set(ids(merged)).size).toBe(merged.length);
    expect(ids(prev)).toEqual(before);
  });

  it('keeps the earlier copy of a row already shown', () => {
    const merged = mergeCursorPage([{ id: '1', v: 1 }], { items: [{ id: '1', v: 2 }], nextCursor: 'x' }, false);
    expect(merged).toEqual([{ id: '1', v: 1 }]);
  });
});

describe('replaceById / removeById', () => {
  it('replaces one row in place and removes one', () => {
    const list: Row[] = [{ id: '1' }, { id: '2', v: 1 }, { id: '3' }];
    expect(replaceById(list, { id: '2', v: 5 })).toEqual([{ id: '1' }, { id: '2', v: 5 }, { id: '3' }]);
    expect(replaceById(list, { id: '9', v: 5 })).toEqual(list);
    expect(ids(removeById(list, '2'))).toEqual(['1', '3']);
    expect(ids(removeById(list, '9'))).toEqual(['1', '2', '3']);
  });
});
