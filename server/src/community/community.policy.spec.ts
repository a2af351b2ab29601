import type { CommunityRole, PostStatus } from '@weshop/shared';
import {
  canDeleteComment,
  canEditPost,
  canListMembers,
  canManage,
  canPost,
  canSeePost,
  leavesAManager,
  type CommunityActor,
} from './community.policy';

const actor = (role: CommunityRole | null, isAdmin = false, userId = 1): CommunityActor => ({ userId, role, isAdmin });
const stranger = actor(null);
const member = actor('MEMBER');
const manager = actor('MANAGER');
const admin = actor(null, true);

describe('community permissions', () => {
  it.each<[string, CommunityActor, boolean, boolean, boolean]>([
    //          actor      manage  post   list members
    ['stranger', stranger, false, false, false],
    ['member', member, false, true, true],
    ['manager', manager, true, true, true],
    ['admin (not a member)', admin, true, false, true],
    ['admin and member', actor('MEMBER', true), true, true, true],
  ])('%s', (_name, who, manage, post, list) => {
    expect(canManage(who)).toBe(manage);
    expect(canPost(who)).toBe(post);
    expect(canListMembers(who)).toBe(list);
  });

  const AUTHOR = 1;
  const OTHER = 2;
  it.each<[string, CommunityActor, PostStatus, boolean, boolean]>([
    //                                         who                       status        see    edit
    ['author sees and edits a draft', actor(null, false, AUTHOR), 'DRAFT', true, true],
    ['author edits a rejected post', actor('MEMBER', false, AUTHOR), 'REJECTED', true, true],
    ['author edits a published post', actor('MEMBER', false, AUTHOR), 'PUBLISHED', true, true],
    ['author cannot edit a removed post', actor('MEMBER', false, AUTHOR), 'REMOVED', true, false],
    ['anyone sees a published post', actor(null, false, OTHER), 'PUBLISHED', true, false],
    ['another member cannot see a draft', actor('MEMBER', false, OTHER), 'DRAFT', false, false],
    ['another member cannot see a post in review', actor('MEMBER', false, OTHER), 'IN_REVIEW', false, false],
    ['a manager sees a post in review, cannot edit it', actor('MANAGER', false, OTHER), 'IN_REVIEW', true, false],
    ['an admin sees a rejected post, cannot edit it', actor(null, true, OTHER), 'REJECTED', true, false],
    ['a manager of another community is a stranger here', actor(null, false, OTHER), 'SCHEDULED', false, false],
  ])('%s', (_name, who, status, see, edit) => {
    const post = { authorId: AUTHOR, status };
    expect(canSeePost(who, post)).toBe(see);
    expect(canEditPost(who, post)).toBe(edit);
  });

  it.each<[string, CommunityActor, number, boolean]>([
    ['its author', actor('MEMBER', false, 5), 5, true],
    ['another member', actor('MEMBER', false, 6), 5, false],
    ['a manager', actor('MANAGER', false, 6), 5, true],
    ['an admin', actor(null, true, 6), 5, true],
  ])('a comment is deleted by %s: %s', (_name, who, authorId, allowed) => {
    expect(canDeleteComment(who, authorId)).toBe(allowed);
  });

  it.each<[CommunityRole | null, number, string]>([
    ['MEMBER', 1, 'ok'],
    [null, 0, 'ok'],
    ['MANAGER', 2, 'ok'],
    ['MANAGER', 1, 'last-manager'],
    ['MANAGER', 0, 'last-manager'],
  ])('%s leaving with %d managers → %s', (role, count, expected) => {
    expect(leavesAManager(role, count)).toBe(expected);
  });
});
