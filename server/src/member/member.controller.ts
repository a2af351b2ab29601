import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { MemberDaySettings, MemberLevelIdParam, MemberLevelInput } from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { MemberService } from './member.service';

/** 会员中心 and 会员日 for the caller. */
@Controller('api/v1')
export class MemberController {
  constructor(@Inject(MemberService) private readonly members: MemberService) {}

  @Get('member')
  me(@CurrentUser() caller: Caller) {
    return this.members.me(caller.userId);
  }

  @Get('member-day')
  memberDay(@CurrentUser() caller: Caller) {
    return this.members.memberDay(caller.userId);
  }
}

/** Member levels and the member-day schedule (admin). */
@Roles('ADMIN')
@Controller('api/v1/admin')
export class AdminMemberController {
  constructor(@Inject(MemberService) private readonly members: MemberService) {}

  @Get('member-levels')
  levels() {
    return this.members.listLevels();
  }

  @Post('member-levels')
  @HttpCode(201)
  createLevel(@Body(zod(MemberLevelInput)) body: MemberLevelInput) {
    return this.members.createLevel(body);
  }

  @Put('member-levels/:id')
  updateLevel(
    @Param(zod(MemberLevelIdParam)) params: { id: string },
    @Body(zod(MemberLevelInput)) body: MemberLevelInput,
  ) {
    return this.members.updateLevel(Number(params.id), body);
  }

  @Delete('member-levels/:id')
  @HttpCode(204)
  async deleteLevel(@Param(zod(MemberLevelIdParam)) params: { id: string }) {
    await this.members.deleteLevel(Number(params.id));
  }

  @Get('member-days')
  memberDays() {
    return this.members.memberDaySettings();
  }

  @Put('member-days')
  saveMemberDays(@Body(zod(MemberDaySettings)) body: MemberDaySettings) {
    return this.members.saveMemberDaySettings(body);
  }
}
