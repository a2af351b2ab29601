import { Inject, Injectable } from '@nestjs/common';
import { UPLOAD_LIMITS, type UploadResult } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { mediaUrl } from './media-url';
import { sniffMedia } from './media-sniff';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import { UploadTooLarge, UploadTypeUnsupported } from './upload.errors';

export const ALLOWED_UPLOAD_TYPES = [...UPLOAD_LIMITS.imageTypes, ...UPLOAD_LIMITS.videoTypes];

/** 上传: an image or a video a user sends for a post, checked by its bytes, stored, recorded. */
@Injectable()
export class UploadService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  /** The most a request may carry (the larger of the two limits); the kind's own limit is checked after sniffing. */
  get maxBytes(): number {
    return Math.max(this.config.uploads.maxImageBytes, this.config.uploads.maxVideoBytes);
  }

  async store(userId: number, bytes: Buffer): Promise<UploadResult> {
    const media = sniffMedia(bytes);
    if (!media)
      throw new UploadTypeUnsupported('Only JPEG, PNG, GIF or WebP images and MP4 or MOV videos', ALLOWED_UPLOAD_TYPES);
    const limit = media.kind === 'image' ? this.config.uploads.maxImageBytes : this.config.uploads.maxVideoBytes;
    if (bytes.length > limit) throw new UploadTooLarge(limit, media.kind);
    const at = this.clock.now();
    const key = await this.storage.save({ bytes, ext: media.ext, at });
    await this.prisma.client.upload.create({
      data: { userId, kind: media.kind, path: key, mime: media.mime, bytes: bytes.length, createdAt: at },
    });
    return {
      url: mediaUrl(this.config.publicBaseUrl, this.storage.pathOf(key)),
      kind: media.kind,
      mime: media.mime,
      bytes: bytes.length,
    };
  }
}
