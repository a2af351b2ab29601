import { DomainError } from '../infra/http/domain-error';
import type { PeriodProblem } from './period.policy';

/** A period that does not exist, runs backwards, starts in the future or is too long. */
export class AnalyticsPeriodInvalid extends DomainError {
  readonly code = 'ANALYTICS_PERIOD_INVALID';
  readonly status = 400;
  constructor(problems: PeriodProblem[]) {
    super(problems.map((p) => `${p.path} ${p.message}`).join('; '), { fields: problems });
  }
}
