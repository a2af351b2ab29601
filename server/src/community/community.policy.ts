import type { CommunityRole, PostStatus } from '@weshop/shared';

/**
 * Who may do what in a community (社群权限). An actor is a user as seen from one community:
 * their role there (null = not a member) and whether they are a shop admin (admins act as
 * managers of every community). Pure functions; the services load the facts.
 */
export interface CommunityActor {
  userId: number;
  role: CommunityRole | null;
  isAdmin: boolean;
}

export function isMember(actor: CommunityActor): boolean {
  return actor.role !== null;
}

/** Moderate posts, pin, feature, edit the announcement, manage members, read stats. */
export function canManage(actor: CommunityActor): boolean {
  return actor.isAdmin || actor.role === 'MANAGER';
}

/** Only members post in a community. */
export function canPost(actor: CommunityActor): boolean {
  return isMember(actor);
}

/** Members see each other; managers and admins see everyone. */
export function canListMembers(actor: CommunityActor): boolean {
  return isMember(actor) || canManage(actor);
}

export interface PostFacts {
  authorId: number;
  status: PostStatus;
}

/** Published posts are public; the others only for their author and the community's managers. */
export function canSeePost(actor: CommunityActor, post: PostFacts): boolean {
  return post.status === 'PUBLISHED' || actor.userId === post.authorId || canManage(actor);
}

/** Only the author edits or deletes a post, and never once it was removed. */
export function canEditPost(actor: CommunityActor, post: PostFacts): boolean {
  return actor.userId === post.authorId && post.status !== 'REMOVED';
}

/** The author of a comment, or a manager of the community, deletes it. */
export function canDeleteComment(actor: CommunityActor, commentAuthorId: number): boolean {
  return actor.userId === commentAuthorId || canManage(actor);
}

/**
 * Whether a member with `role` may stop being a manager (leave, be demoted or removed) given how
 * many managers the community has: the last manager stays.
 */
export function leavesAManager(role: CommunityRole | null, managerCount: number): 'ok' | 'last-manager' {
  return role === 'MANAGER' && managerCount <= 1 ? 'last-manager' : 'ok';
}
