import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@weshop/shared';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { Forbidden, Unauthenticated } from '../infra/http/domain-error';
import { verifyToken } from './jwt';
import { UserRepository } from './user.repository';

/** Who is calling, as the guard established it. */
export interface Caller {
  userId: number;
  roles?: Role[];
}

type AuthedRequest = FastifyRequest & { caller?: Caller };

const ROLES_KEY = 'weshop:roles';
const PUBLIC_KEY = 'weshop:public';

/** Route (or controller) open to anonymous callers. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Route (or controller) that needs one of these roles; checked against the database on every call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller of this request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthedRequest>().caller;
  if (!caller) throw new Unauthenticated('Log in first');
  return caller;
});

/**
 * Every route needs a valid bearer token unless marked @Public(); routes marked @Roles(...) also
 * need one of those roles. Roles are read from the database, so a revoked role takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new Unauthenticated('Log in first');
    const claims = verifyToken(token, this.config.jwt.secret, this.clock.now());
    if (!claims) throw new Unauthenticated('The session has expired; log in again');
    const caller: Caller = { userId: Number(claims.sub) };

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length) {
      caller.roles = await this.users.rolesOf(caller.userId);
      if (!required.some((role) => caller.roles?.includes(role))) {
        throw new Forbidden('You do not have permission for this', { requiredRoles: required });
      }
    }
    request.caller = caller;
    return true;
  }
}
