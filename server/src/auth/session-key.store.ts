import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '../infra/redis/redis.service';

/**
 * The user's current WeChat session_key, kept server-side only (it decrypts share-ticket group
 * data). Never sent to the client, never logged.
 */
@Injectable()
export class SessionKeyStore {
  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  async save(userId: number, sessionKey: string): Promise<void> {
    await this.redis.client.set(this.redis.key('session-key', userId), sessionKey, 'EX', 3 * 24 * 3600);
  }

  async get(userId: number): Promise<string | null> {
    return this.redis.client.get(this.redis.key('session-key', userId));
  }
}
