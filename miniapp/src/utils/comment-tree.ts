import type { CommentItemView, CommentView, ReplyView } from '@weshop/shared';

/**
 * 评论: top comments (oldest first), each with one level of replies. The server sends each top
 * comment with its first replies and `replyCount`; the rest come page by page (`?parentId=`), and
 * what the user writes is added in place without a reload. Pure: every function returns a new tree.
 */

function withReplies(comment: CommentView, replies: ReplyView[], added: number): CommentView {
  return { ...comment, replies, replyCount: comment.replyCount + added };
}

/**
 * The tree after the server accepted a comment: a top comment goes last (oldest first), a reply
 * goes last under its top comment and counts there. A reply whose top comment is not loaded yet
 * leaves the tree as it is (it appears with that comment's page); an id already shown is not added twice.
 */
export function addComment(tree: readonly CommentView[], created: CommentItemView): CommentView[] {
  if (created.parentId === null) {
    if (tree.some((c) => c.id === created.id)) return [...tree];
    const top: CommentView = {
      id: created.id,
      postId: created.postId,
      author: created.author,
      text: created.text,
      createdAt: created.createdAt,
      replyCount: 0,
      replies: [],
    };
    return [...tree, top];
  }
  return tree.map((c) => {
    if (c.id !== created.parentId || c.replies.some((r) => r.id === created.id)) return c;
    return withReplies(c, [...c.replies, created], 1);
  });
}

/** Merges a page of one comment's replies (`?parentId=`) under it, in order, without repeating any. */
export function addReplies(tree: readonly CommentView[], parentId: string, page: readonly ReplyView[]): CommentView[] {
  return tree.map((c) => {
    if (c.id !== parentId) return c;
    const seen = new Set(c.replies.map((r) => r.id));
    const fresh: ReplyView[] = [];
    for (const reply of page) {
      if (seen.has(reply.id)) continue;
      seen.add(reply.id);
      fresh.push(reply);
    }
    return fresh.length ? withReplies(c, [...c.replies, ...fresh], 0) : c;
  });
}

/** The tree without a deleted comment: a top comment goes with its replies, a reply leaves its count. */
export function removeComment(tree: readonly CommentView[], id: string): CommentView[] {
  return tree
    .filter((c) => c.id !== id)
    .map((c) =>
      c.replies.some((r) => r.id === id)
        ? withReplies(
            c,
            c.replies.filter((r) => r.id !== id),
            -1,
          )
        : c,
    );
}

/** How many replies of a top comment are not shown yet (the 展开 N 条回复 link). */
export function hiddenReplies(comment: CommentView): number {
  return Math.max(0, comment.replyCount - comment.replies.length);
}

/** The comment or reply `id` in the tree (whom the reply box answers), or null. */
export function findComment(
  tree: readonly CommentView[],
  id: string,
): Pick<CommentItemView, 'id' | 'author' | 'text'> | null {
  for (const c of tree) {
    if (c.id === id) return c;
    const reply = c.replies.find((r) => r.id === id);
    if (reply) return reply;
  }
  return null;
}
