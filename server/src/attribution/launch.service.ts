import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DeviceId,
  launchFactsOf,
  sourceOfScene,
  type LaunchRequest,
  type LaunchResult,
  type ShareTicketData,
} from '@weshop/shared';
import { SessionKeyStore } from '../auth/session-key.store';
import { BindingService } from '../distribution/binding.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainError } from '../infra/http/domain-error';
import { DeviceIdInvalid } from './attribution.errors';
import { AttributionRepository } from './attribution.repository';
import { bindSourceOf, sharerOf, visitPath } from './launch.policy';
import { openGroupEnterInfo } from './share-ticket.policy';

/**
 * 启动归因: each launch (and each show with a new scene) becomes a visit — its traffic source, the
 * WeChat group of a share ticket, the sharer, the referral code, the post, community and group
 * buy it opened — and a `ref` binds the user to its distributor (锁客). A share ticket that does
 * not decrypt is logged and ignored; a refused binding is the user's business only.
 */
@Injectable()
export class LaunchService {
  private readonly logger = new Logger('Attribution');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AttributionRepository) private readonly repo: AttributionRepository,
    @Inject(SessionKeyStore) private readonly sessionKeys: SessionKeyStore,
    @Inject(BindingService) private readonly bindings: BindingService,
  ) {}

  async launch(userId: number, deviceHeader: string | undefined, body: LaunchRequest): Promise<LaunchResult> {
    const deviceId = deviceHeader === undefined ? null : DeviceId.safeParse(deviceHeader);
    if (deviceId && !deviceId.success) throw new DeviceIdInvalid();
    const now = this.clock.now();
    const source = sourceOfScene(body.scene);
    const facts = launchFactsOf(body.query);

    const [opengid, refOwner, explicitSharer] = await Promise.all([
      body.shareTicket ? this.opengidOf(userId, body.shareTicket) : null,
      facts.ref ? this.repo.userOfReferralCode(facts.ref) : null,
      facts.sharerId !== null && facts.sharerId !== userId
        ? this.repo.userExists(facts.sharerId).then((exists) => (exists ? facts.sharerId : null))
        : null,
    ]);
    const visitId = await this.repo.insertVisit({
      userId,
      deviceId: deviceId?.data ?? null,
      scene: body.scene || null,
      source,
      path: visitPath(body.path),
      opengid,
      sharerId: sharerOf({ userId, explicitSharer, refOwner }),
      ref: facts.ref,
      postId: facts.postId,
      communityId: facts.communityId,
      groupBuyId: facts.groupBuyId,
      createdAt: now,
    });
    if (opengid) await this.repo.touchUserGroup(userId, opengid, now);

    const bound = facts.ref ? await this.bind(userId, facts.ref, bindSourceOf(source, facts.refFrom)) : null;
    return { visitId: String(visitId), source, ...(bound ? { bound } : {}) };
  }

  /** The opengid of the share ticket, or null (logged without key, data or plaintext). */
  private async opengidOf(userId: number, ticket: ShareTicketData): Promise<string | null> {
    const sessionKey = await this.sessionKeys.get(userId);
    const group = openGroupEnterInfo(ticket, sessionKey, this.config.wechat.appid);
    if (group.ok) return group.opengid;
    this.logger.warn(`share ticket of user ${userId} ignored: ${group.reason}`);
    return null;
  }

  private async bind(userId: number, code: string, source: 'LINK' | 'CODE') {
    try {
      const result = await this.bindings.bind(userId, code, source);
      return result.bound && result.distributorCode ? { distributorCode: result.distributorCode } : null;
    } catch (error) {
      // Unknown code, self, cycle: the launch goes on; only the log knows.
      if (!(error instanceof DomainError)) throw error;
      this.logger.log(`launch ref ${code} of user ${userId} not bound: ${error.code}`);
      return null;
    }
  }
}
