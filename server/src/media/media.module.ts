import multipart from '@fastify/multipart';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { LocalDiskStorage } from './local-disk.storage';
import { MediaController } from './media.controller';
import { MEDIA_STORAGE } from './media-storage';
import { UploadController } from './upload.controller';
import { UploadService } from './upload.service';

/** Pictures: the demo shop's generated images and users' uploads (local disk by default). */
@Module({
  controllers: [MediaController, UploadController],
  providers: [
    { provide: 'MEDIA_CACHE_LIMIT', useValue: 500 },
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskStorage(config.uploads.dir),
    },
    UploadService,
  ],
  exports: [MEDIA_STORAGE, UploadService],
})
export class MediaModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  /**
   * multipart/form-data parsing for uploads (the worker has no HTTP server: nothing to do there).
   * Registered, not awaited: awaiting would load Fastify's plugin queue now and build the routes
   * before Nest installs its error handler (malformed JSON would then skip the error shape).
   */
  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.register !== 'function' || fastify.hasContentTypeParser('multipart/form-data'))
      return;
    void fastify.register(multipart, { limits: { files: 1, fields: 10, parts: 12 } });
  }
}
