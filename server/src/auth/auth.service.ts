import { Inject, Injectable } from '@nestjs/common';
import type { ProfileUpdateRequest, UserView, WechatLoginResponse } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { NotFound } from '../infra/http/domain-error';
import { WechatMiniClient } from '../wechat/wechat-mini.client';
import { signToken } from './jwt';
import { SessionKeyStore } from './session-key.store';
import { UserRepository, type UserRecord } from './user.repository';

/** Login with a wx.login code, and the caller's own profile. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(WechatMiniClient) private readonly wechat: WechatMiniClient,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(SessionKeyStore) private readonly sessionKeys: SessionKeyStore,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  /** code2Session with WeChat, then find-or-create the user by openid and issue our token. */
  async loginWithWechatCode(code: string): Promise<WechatLoginResponse> {
    const session = await this.wechat.code2Session(code);
    const now = this.clock.now();
    const user = await this.users.upsertByOpenid({
      openid: session.openid,
      unionid: session.unionid,
      nickname: defaultNickname(session.openid),
      at: now,
    });
    await this.sessionKeys.save(user.id, session.sessionKey);
    const token = signToken(String(user.id), this.config.jwt.secret, this.config.jwt.ttlSeconds, now);
    return { token, user: toUserView(user) };
  }

  async me(userId: number): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFound('User');
    return toUserView(user);
  }

  /** 资料: changes the caller's profile; `user.profile-updated` goes out in the same transaction. */
  async updateProfile(userId: number, body: ProfileUpdateRequest): Promise<UserView> {
    const { birthday, ...rest } = body;
    const user = await this.prisma.transaction(async (tx, afterCommit) => {
      const updated = await this.users.updateProfile(tx, userId, {
        ...rest,
        ...(birthday ? { birthday: new Date(`${birthday}T00:00:00Z`) } : {}),
      });
      const { nickname, avatarUrl, phone } = updated;
      afterCommit(
        await this.events.publish(tx, 'user.profile-updated', {
          userId,
          nickname,
          avatarUrl,
          phone,
          birthday: updated.birthday,
          at: this.clock.now(),
        }),
      );
      return updated;
    });
    return toUserView(user);
  }
}

/** 微信用户 plus the last four characters of the openid until the user sets a nickname. */
function defaultNickname(openid: string): string {
  return `微信用户${openid.slice(-4)}`;
}

/**
 * The caller's profile. Member level, points and distributor status are the starting values
 * until the membership, points and distribution domains fill them in.
 */
export function toUserView(user: UserRecord): UserView {
  return {
    id: String(user.id),
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    phone: user.phone,
    birthday: user.birthday ? user.birthday.toISOString().slice(0, 10) : null,
    roles: user.roles,
    memberLevel: { level: 0, name: '普通会员' },
    points: { available: 0, frozen: 0 },
    distributor: { status: user.roles.includes('DISTRIBUTOR') ? 'APPROVED' : 'NONE', code: null },
    createdAt: user.createdAt.toISOString(),
  };
}
