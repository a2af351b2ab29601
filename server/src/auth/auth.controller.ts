import { Body, Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ProfileUpdateRequest, WechatLoginRequest } from '@weshop/shared';
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

  @Patch('me')
  updateProfile(@CurrentUser() caller: Caller, @Body(zod(ProfileUpdateRequest)) body: ProfileUpdateRequest) {
    return this.auth.updateProfile(caller.userId, body);
  }
}
