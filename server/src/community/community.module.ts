import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AuthModule } from '../auth/auth.module';
import { AdminCommunityController } from './admin-community.controller';
import { CommunityAccess } from './community-access';
import { CommunityController } from './community.controller';
import { CommunityRepository } from './community.repository';
import { CommunityService } from './community.service';
import { ManageCommunityController } from './manage-community.controller';

/** 社群: communities, members, managers, announcements, the community's share code. */
@Module({
  imports: [AuthModule, AnalyticsModule],
  controllers: [CommunityController, ManageCommunityController, AdminCommunityController],
  providers: [CommunityService, CommunityRepository, CommunityAccess],
  exports: [CommunityAccess, CommunityRepository],
})
export class CommunityModule {}
