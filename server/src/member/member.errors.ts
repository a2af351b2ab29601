import { DomainError, NotFound } from '../infra/http/domain-error';

export class MemberLevelNotFound extends NotFound {
  constructor(id: number) {
    super('Member level', 'MEMBER_LEVEL_NOT_FOUND', { levelId: String(id) });
  }
}

export class MemberLevelGrowthTaken extends DomainError {
  readonly code = 'MEMBER_LEVEL_GROWTH_TAKEN';
  readonly status = 409;
  constructor(minGrowth: number) {
    super(`Another level already starts at growth ${minGrowth}`, { minGrowth });
  }
}

export class MemberDaySkuInvalid extends DomainError {
  readonly code = 'MEMBER_DAY_SKU_INVALID';
  readonly status = 422;
  constructor(skuId: string, reason: 'NOT_FOUND' | 'ABOVE_PRICE' | 'LEVEL_NOT_FOUND') {
    const text = {
      NOT_FOUND: `SKU ${skuId} does not exist`,
      ABOVE_PRICE: `The member-day price of SKU ${skuId} must be below its price`,
      LEVEL_NOT_FOUND: `Member level ${skuId} does not exist`,
    };
    super(text[reason], { id: skuId, reason });
  }
}
