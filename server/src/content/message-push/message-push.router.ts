import { Injectable } from '@nestjs/common';

/** A decrypted message-push event (JSON format): `Event`, `MsgType`, `appid`, and the event's own fields. */
export type PushEvent = Record<string, unknown> & { Event?: unknown; MsgType?: unknown };

/** `done`: handled (or nothing to do); `retry`: not yet — WeChat should push it again. */
export type PushOutcome = 'done' | 'retry';
export type PushHandler = (event: PushEvent) => Promise<PushOutcome>;

/**
 * The mini-program has one message-push URL for every event (media checks, shipping and
 * settlement events…). Domains register the events they handle here; unknown events are
 * acknowledged and ignored, as WeChat expects.
 */
@Injectable()
export class MessagePushRouter {
  private readonly handlers = new Map<string, PushHandler>();

  on(event: string, handler: PushHandler): void {
    this.handlers.set(event, handler);
  }

  async dispatch(event: PushEvent): Promise<PushOutcome> {
    const name = typeof event.Event === 'string' ? event.Event : '';
    const handler = this.handlers.get(name);
    return handler ? handler(event) : 'done';
  }
}
