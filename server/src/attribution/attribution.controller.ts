import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { EventsEnvelope, LaunchRequest } from '@weshop/shared';
import { CurrentUser, Public, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { EventsService } from './events.service';
import { LaunchService } from './launch.service';

/** 归因: launches (visits, share tickets, referral binding) and batched behaviour events. */
@Controller('api/v1')
export class AttributionController {
  constructor(
    @Inject(LaunchService) private readonly launches: LaunchService,
    @Inject(EventsService) private readonly events: EventsService,
  ) {}

  @Post('launch')
  @HttpCode(200)
  launch(
    @CurrentUser() caller: Caller,
    @Headers('x-device-id') deviceId: string | undefined,
    @Body(zod(LaunchRequest)) body: LaunchRequest,
  ) {
    return this.launches.launch(caller.userId, deviceId, body);
  }

  /** Anonymous allowed with `X-Device-Id`; the bearer token, when it verifies, names the user. */
  @Public()
  @Post('events')
  @HttpCode(202)
  record(
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-device-id') deviceId: string | undefined,
    @Body(zod(EventsEnvelope)) body: { events: unknown[] },
  ) {
    return this.events.record({ authorization, deviceId }, body.events);
  }
}
