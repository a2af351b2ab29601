import { DomainError, NotFound } from '../infra/http/domain-error';

export class CampaignNotFound extends NotFound {
  constructor(id: string) {
    super('Group-buy campaign', 'GROUP_BUY_CAMPAIGN_NOT_FOUND', { campaignId: id });
  }
}

export class CampaignNotActive extends DomainError {
  readonly code = 'GROUP_BUY_NOT_ACTIVE';
  readonly status = 409;
  constructor(reason: string) {
    const text: Record<string, string> = {
      NOT_ACTIVE: 'This group buy has been stopped',
      NOT_STARTED: 'This group buy has not started yet',
      ENDED: 'This group buy has ended',
    };
    super(text[reason] ?? 'This group buy is not open', { reason });
  }
}

export class SkuNotInCampaign extends DomainError {
  readonly code = 'GROUP_BUY_SKU_NOT_IN_CAMPAIGN';
  readonly status = 422;
  constructor(skuId: string) {
    super('This SKU is not part of the group buy', { skuId });
  }
}

export class GroupBuyLimitExceeded extends DomainError {
  readonly code = 'GROUP_BUY_LIMIT_EXCEEDED';
  readonly status = 409;
  constructor(kind: 'PER_ORDER' | 'PER_USER', limit: number, already = 0) {
    super(
      kind === 'PER_ORDER'
        ? `At most ${limit} per order in this group buy`
        : `At most ${limit} per person in this group buy (${already} already)`,
      { kind, limit, already },
    );
  }
}

export class GroupBuyQuotaExhausted extends DomainError {
  readonly code = 'GROUP_BUY_QUOTA_EXHAUSTED';
  readonly status = 409;
  constructor() {
    super('This group buy is sold out');
  }
}

export class GroupBuyNewCustomersOnly extends DomainError {
  readonly code = 'GROUP_BUY_NEW_CUSTOMERS_ONLY';
  readonly status = 409;
  constructor() {
    super('This group buy is for new customers only');
  }
}

export class GroupBuyMembersOnly extends DomainError {
  readonly code = 'GROUP_BUY_MEMBERS_ONLY';
  readonly status = 403;
  constructor(communityId: number) {
    super('This group buy is for members of its community', { communityId: String(communityId) });
  }
}

export class CampaignInvalid extends DomainError {
  readonly code = 'GROUP_BUY_CAMPAIGN_INVALID';
  readonly status = 422;
  constructor(problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path} ${p.message}`).join('; '), { fields: problems });
  }
}

export class GroupNotFound extends NotFound {
  constructor(id: string) {
    super('Group', 'GROUP_NOT_FOUND', { groupId: id });
  }
}

const JOIN_TEXT = {
  NOT_JOINABLE: ['GROUP_NOT_JOINABLE', 'This group can no longer be joined'],
  OWN: ['GROUP_OWN', 'You opened this group: share it with friends instead'],
  ALREADY_JOINED: ['GROUP_ALREADY_JOINED', 'You are in this group already'],
  FULL: ['GROUP_FULL', 'This group is full: open your own or join another'],
} as const;

export class GroupJoinRefused extends DomainError {
  readonly code: string;
  readonly status = 409;
  constructor(reason: keyof typeof JOIN_TEXT) {
    super(JOIN_TEXT[reason][1], { reason });
    this.code = JOIN_TEXT[reason][0];
  }
}
