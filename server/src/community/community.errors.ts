import { DomainError, NotFound } from '../infra/http/domain-error';

export class CommunityNotFound extends NotFound {
  constructor(id: number | string) {
    super('Community', 'COMMUNITY_NOT_FOUND', { communityId: String(id) });
  }
}

export class NotACommunityMember extends DomainError {
  readonly code = 'COMMUNITY_NOT_MEMBER';
  readonly status = 403;
  constructor(communityId: number, message = 'Join the community first') {
    super(message, { communityId: String(communityId) });
  }
}

export class NotACommunityManager extends DomainError {
  readonly code = 'COMMUNITY_NOT_MANAGER';
  readonly status = 403;
  constructor(communityId: number) {
    super('Only a manager of this community may do this', { communityId: String(communityId) });
  }
}

export class CommunityLastManager extends DomainError {
  readonly code = 'COMMUNITY_LAST_MANAGER';
  readonly status = 409;
  constructor(communityId: number) {
    super('The community needs at least one manager; appoint another first', { communityId: String(communityId) });
  }
}

export class CommunityMemberNotFound extends NotFound {
  constructor(communityId: number, userId: number) {
    super('Member', 'COMMUNITY_NOT_MEMBER', { communityId: String(communityId), userId: String(userId) });
  }
}

export class UserNotFound extends NotFound {
  constructor(userId: number) {
    super('User', 'NOT_FOUND', { userId: String(userId) });
  }
}
