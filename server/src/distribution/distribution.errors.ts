import { DomainError, NotFound } from '../infra/http/domain-error';
import type { Violation } from './settings.policy';

export class ReferralCodeUnknown extends NotFound {
  constructor(code: string) {
    super(`Referral code ${code}`, 'REFERRAL_CODE_UNKNOWN', { code });
  }
}

export class ReferralSelf extends DomainError {
  readonly code = 'REFERRAL_SELF';
  readonly status = 409;
  constructor() {
    super('Nobody can be bound to their own referral code');
  }
}

export class ReferralCycle extends DomainError {
  readonly code = 'REFERRAL_CYCLE';
  readonly status = 409;
  constructor() {
    super('This distributor is in your own team: binding to them would make a loop');
  }
}

export class DistributionDisabled extends DomainError {
  readonly code = 'DISTRIBUTION_DISABLED';
  readonly status = 409;
  constructor() {
    super('The shop has turned distribution off');
  }
}

export class DistributorNotFound extends NotFound {
  constructor(userId: number) {
    super('Distributor', 'DISTRIBUTOR_NOT_FOUND', { userId: String(userId) });
  }
}

export class DistributorAlreadyApplied extends DomainError {
  readonly code = 'DISTRIBUTOR_ALREADY_APPLIED';
  readonly status = 409;
  constructor(status: string) {
    super(status === 'APPROVED' ? 'You are a distributor already' : 'Your application is being reviewed', { status });
  }
}

export class DistributorConditionNotMet extends DomainError {
  readonly code = 'DISTRIBUTOR_CONDITION_NOT_MET';
  readonly status = 409;
  constructor(minSpend: number, spent: number) {
    super(`The shop asks for a cumulative spend of ${(minSpend / 100).toFixed(2)} yuan before you apply`, {
      minSpend,
      spent,
    });
  }
}

export class DistributorStateConflict extends DomainError {
  readonly code = 'DISTRIBUTOR_STATE_CONFLICT';
  readonly status = 409;
  constructor(status: string, wanted: string) {
    super(`The application is ${status}: it cannot be ${wanted}`, { status });
  }
}

export class DistributionSettingsNoncompliant extends DomainError {
  readonly code = 'DISTRIBUTION_SETTINGS_NONCOMPLIANT';
  readonly status = 422;
  constructor(violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '), { violations });
  }
}

export class CommissionRuleInvalid extends DomainError {
  readonly code = 'COMMISSION_RULE_INVALID';
  readonly status = 422;
  constructor(violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '), { violations });
  }
}

export class BalanceInsufficient extends DomainError {
  readonly code = 'BALANCE_INSUFFICIENT';
  readonly status = 409;
  constructor(amount: number, withdrawable: number) {
    super(`Only ${(withdrawable / 100).toFixed(2)} yuan can be withdrawn`, { amount, withdrawable });
  }
}

export class WithdrawalBelowMinimum extends DomainError {
  readonly code = 'WITHDRAWAL_BELOW_MINIMUM';
  readonly status = 422;
  constructor(minAmount: number) {
    super(`The smallest withdrawal is ${(minAmount / 100).toFixed(2)} yuan`, { minAmount });
  }
}

export class WithdrawalDailyCap extends DomainError {
  readonly code = 'WITHDRAWAL_DAILY_CAP';
  readonly status = 409;
  constructor(dailyCap: number, usedToday: number) {
    super(`At most ${(dailyCap / 100).toFixed(2)} yuan can be withdrawn per day`, { dailyCap, usedToday });
  }
}

export class WithdrawalRealNameRequired extends DomainError {
  readonly code = 'WITHDRAWAL_REAL_NAME_REQUIRED';
  readonly status = 422;
  constructor(limit: number) {
    super(`WeChat needs the payee's real name from ${(limit / 100).toFixed(2)} yuan: withdraw less at a time`, {
      limit,
    });
  }
}

export class WithdrawalNotFound extends NotFound {
  constructor(id: number) {
    super('Withdrawal', 'WITHDRAWAL_NOT_FOUND', { id: String(id) });
  }
}

export class WithdrawalStateConflict extends DomainError {
  readonly code = 'WITHDRAWAL_STATE_CONFLICT';
  readonly status = 409;
  constructor(status: string, wanted: string) {
    super(`The withdrawal is ${status}: it cannot be ${wanted}`, { status });
  }
}
