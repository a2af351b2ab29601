import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { HealthController } from './health/health.controller';
import { ConfigModule } from './infra/config/config.module';
import type { AppConfig } from './infra/config/env.schema';
import { InfraModule } from './infra/infra.module';
import { MediaModule } from './media/media.module';
import { WechatModule } from './wechat/wechat.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), InfraModule, WechatModule, AuthModule, CatalogModule, MediaModule],
      controllers: [HealthController],
    };
  }
}
