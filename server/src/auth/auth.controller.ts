import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { WechatLoginRequest } from '@weshop/shared';
import { zod } from '../infra/http/zod.pipe';
import { AuthService } from './auth.service';
import { CurrentUser, Public, type Caller } from './auth.guard';

@Controller('api/v1')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('auth/wechat-login')
  @HttpCode(200)
  login(@Body(zod(WechatLoginRequest)) body: WechatLoginRequest) {
    return this.auth.loginWithWechatCode(body.code);
  }

  @Get('me')
  me(@CurrentUser() caller: Caller) {
    return this.auth.me(caller.userId);
  }
}
