import { Inject, Injectable } from '@nestjs/common';
import { UserRepository } from '../auth/user.repository';
import { canListMembers, canManage, canPost, type CommunityActor } from './community.policy';
import { CommunityNotFound, NotACommunityManager, NotACommunityMember } from './community.errors';
import { CommunityRepository } from './community.repository';

/**
 * Loads who a user is in a community (role there, shop admin or not) and enforces the policy.
 * Used by the community and content domains alike, so "manager of A" never means "manager of B".
 */
@Injectable()
export class CommunityAccess {
  constructor(
    @Inject(CommunityRepository) private readonly communities: CommunityRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  /** The actor; 404 when the community does not exist. */
  async actor(userId: number, communityId: number): Promise<CommunityActor> {
    const [exists, role, isAdmin] = await Promise.all([
      this.communities.exists(communityId),
      this.communities.roleOf(communityId, userId),
      this.isAdmin(userId),
    ]);
    if (!exists) throw new CommunityNotFound(communityId);
    return { userId, role, isAdmin };
  }

  async isAdmin(userId: number): Promise<boolean> {
    return (await this.users.rolesOf(userId)).includes('ADMIN');
  }

  async requireManager(userId: number, communityId: number): Promise<CommunityActor> {
    const actor = await this.actor(userId, communityId);
    if (!canManage(actor)) throw new NotACommunityManager(communityId);
    return actor;
  }

  async requirePoster(userId: number, communityId: number): Promise<CommunityActor> {
    const actor = await this.actor(userId, communityId);
    if (!canPost(actor)) throw new NotACommunityMember(communityId, 'Join the community to post in it');
    return actor;
  }

  async requireMemberListAccess(userId: number, communityId: number): Promise<CommunityActor> {
    const actor = await this.actor(userId, communityId);
    if (!canListMembers(actor)) throw new NotACommunityMember(communityId, 'Join the community to see its members');
    return actor;
  }
}
