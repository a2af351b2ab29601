import { Inject, Injectable } from '@nestjs/common';
import { DeviceId, MAX_EVENTS_PER_BATCH, type EventsResult } from '@weshop/shared';
import { verifyToken } from '../auth/jwt';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DeviceIdInvalid, DeviceIdRequired, EventBatchTooLarge } from './attribution.errors';
import { AttributionRepository } from './attribution.repository';
import { readEvents } from './events.policy';

/**
 * 行为事件: batches from the mini-program, stored with one INSERT. The caller is the session's user
 * when its bearer token verifies, and/or the device named by `X-Device-Id`; a token that does not
 * verify (expired) counts as absent, so events never wait for a login.
 */
@Injectable()
export class EventsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AttributionRepository) private readonly repo: AttributionRepository,
  ) {}

  async record(
    headers: { authorization?: string; deviceId?: string },
    events: readonly unknown[],
  ): Promise<EventsResult> {
    if (events.length > MAX_EVENTS_PER_BATCH) throw new EventBatchTooLarge(MAX_EVENTS_PER_BATCH, events.length);
    const receivedAt = this.clock.now();
    const userId = this.userOf(headers.authorization, receivedAt);
    let deviceId: string | null = null;
    if (headers.deviceId !== undefined) {
      const parsed = DeviceId.safeParse(headers.deviceId);
      if (!parsed.success) throw new DeviceIdInvalid();
      deviceId = parsed.data;
    }
    if (userId === null && deviceId === null) throw new DeviceIdRequired();
    const { rows, rejected } = readEvents(events, receivedAt);
    const accepted = await this.repo.insertEvents(rows, { userId, deviceId }, receivedAt);
    return { accepted, rejected };
  }

  private userOf(authorization: string | undefined, now: Date): number | null {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    const claims = token ? verifyToken(token, this.config.jwt.secret, now) : null;
    const userId = Number(claims?.sub);
    return Number.isSafeInteger(userId) && userId > 0 ? userId : null;
  }
}
