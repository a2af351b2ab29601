import type { CommentItemView, CommentView } from '@weshop/shared';
import { addComment, addReplies, findComment, hiddenReplies, removeComment } from './comment-tree';

const who = (id: string) => ({ id, nickname: `user${id}`, avatarUrl: '' });

function item(id: string, parentId: string | null, replyTo: string | null = null): CommentItemView {
  return {
    id,
    postId: '1',
    author: who(`a${id}`),
    text: `text ${id}`,
    parentId,
    replyTo: replyTo ? who(replyTo) : null,
    createdAt: '2026-11-24T10:00:00.000Z',
  };
}

function top(id: string, replyIds: string[] = [], replyCount = replyIds.length): CommentView {
  return {
    id,
    postId: '1',
    author: who(`a${id}`),
    text: `text ${id}`,
    createdAt: '2026-11-24T10:00:00.000Z',
    replyCount,
    replies: replyIds.map((r) => item(r, id)),
  };
}

const shape = (tree: CommentView[]) => tree.map((c) => [c.id, c.replies.map((r) => r.id), c.replyCount]);

/** Every tree keeps: no repeated ids, and never more replies shown than counted. */
function expectSound(tree: CommentView[]) {
  const all = tree.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]);
  expect(new Set(all).size).toBe(all.length);
  for (const c of tree) expect(c.replies.length).toBeLessThanOrEqual(c.replyCount);
}

describe('addComment', () => {
  it.each<[string, CommentView[], CommentItemView, ReturnType<typeof shape>]>([
    [
      'a top comment goes last (oldest first)',
      [top('1')],
      item('2', null),
      [
        ['1', [], 0],
        ['2', [], 0],
      ],
    ],
    [
      'a reply goes under its top comment and counts',
      [top('1'), top('2')],
      item('3', '1'),
      [
        ['1', ['3'], 1],
        ['2', [], 0],
      ],
    ],
    [
      'a reply to a reply goes under the top comment (one level)',
      [top('1', ['2'])],
      item('3', '1', 'a2'),
      [['1', ['2', '3'], 2]],
    ],
    ['a reply after hidden ones counts on top of them', [top('1', ['2'], 5)], item('9', '1'), [['1', ['2', '9'], 6]]],
    ['a reply whose top comment is not loaded waits for its page', [top('1')], item('3', '8'), [['1', [], 0]]],
    ['a top comment already shown is not added twice', [top('1')], item('1', null), [['1', [], 0]]],
    ['a reply already shown is not added twice', [top('1', ['2'])], item('2', '1'), [['1', ['2'], 1]]],
  ])('%s', (_case, tree, created, expected) => {
    const next = addComment(tree, created);
    expect(shape(next)).toEqual(expected);
    expectSound(next);
  });

  it('does not change the tree it was given', () => {
    const tree = [top('1')];
    addComment(tree, item('2', '1'));
    expect(shape(tree)).toEqual([['1', [], 0]]);
  });

  it('a new top comment carries what the server answered', () => {
    const [, added] = addComment([top('1')], { ...item('2', null), text: '好用！' });
    expect(added).toMatchObject({ id: '2', text: '好用！', replyCount: 0, replies: [] });
  });
});

describe('addReplies', () => {
  it('merges a page of replies in order without repeating the first ones', () => {
    const tree = [top('1', ['2', '3', '4'], 6), top('10')];
    const next = addReplies(tree, '1', [
      item('2', '1'),
      item('3', '1'),
      item('4', '1'),
      item('5', '1'),
      item('6', '1'),
    ]);
    expect(shape(next)).toEqual([
      ['1', ['2', '3', '4', '5', '6'], 6],
      ['10', [], 0],
    ]);
    expect(hiddenReplies(next[0])).toBe(1);
    expectSound(next);
  });

  it('leaves other comments and an unknown parent alone', () => {
    const tree = [top('1', ['2'], 3)];
    expect(addReplies(tree, '9', [item('5', '9')])).toEqual(tree);
    expect(addReplies(tree, '1', [])).toEqual(tree);
  });
});

describe('removeComment', () => {
  it('removes a top comment with its replies, or one reply with its count', () => {
    const tree = [top('1', ['2', '3'], 4), top('5')];
    expect(shape(removeComment(tree, '1'))).toEqual([['5', [], 0]]);
    const next = removeComment(tree, '3');
    expect(shape(next)).toEqual([
      ['1', ['2'], 3],
      ['5', [], 0],
    ]);
    expectSound(next);
    expect(shape(removeComment(tree, '99'))).toEqual(shape(tree));
  });
});

describe('hiddenReplies / findComment', () => {
  it.each<[CommentView, number]>([
    [top('1'), 0],
    [top('1', ['2', '3', '4'], 3), 0],
    [top('1', ['2', '3', '4'], 10), 7],
  ])('%#: %j hides %i', (comment, hidden) => {
    expect(hiddenReplies(comment)).toBe(hidden);
  });

  it('finds a top comment or a reply', () => {
    const tree = [top('1', ['2'])];
    expect(findComment(tree, '1')?.author.nickname).toBe('usera1');
    expect(findComment(tree, '2')?.author.nickname).toBe('usera2');
    expect(findComment(tree, '3')).toBeNull();
  });
});
