import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionKeyStore } from './session-key.store';
import { UserRepository } from './user.repository';

@Module({
  controllers: [AuthController],
  providers: [AuthService, UserRepository, SessionKeyStore, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UserRepository, SessionKeyStore],
})
export class AuthModule {}
