import { Module } from '@nestjs/common';
import { MediaController } from './media.controller';

@Module({ controllers: [MediaController], providers: [{ provide: 'MEDIA_CACHE_LIMIT', useValue: 500 }] })
export class MediaModule {}
