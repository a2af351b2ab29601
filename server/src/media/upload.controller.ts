import '@fastify/multipart';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Public, type Caller } from '../auth/auth.guard';
import { DomainError, NotFound } from '../infra/http/domain-error';
import { zod } from '../infra/http/zod.pipe';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import { UploadMalformed, UploadMissingFile, UploadTooLarge, UploadTypeUnsupported } from './upload.errors';
import { ALLOWED_UPLOAD_TYPES, UploadService } from './upload.service';

const UploadParams = z
  .object({
    month: z.string().regex(/^\d{6}$/, 'not a stored file'),
    name: z.string().regex(/^[0-9a-f]{24}\.(png|jpg|gif|webp|mp4|mov)$/, 'not a stored file'),
  })
  .strict();

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** `POST /api/v1/uploads` (multipart, one file) and the files it stored, served at /media/uploads/…. */
@Controller()
export class UploadController {
  constructor(
    @Inject(UploadService) private readonly uploads: UploadService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  @Post('api/v1/uploads')
  @HttpCode(201)
  async upload(@CurrentUser() caller: Caller, @Req() request: FastifyRequest) {
    if (!request.isMultipart())
      throw new UploadTypeUnsupported('Send the file as multipart/form-data', ['multipart/form-data']);
    const limit = this.uploads.maxBytes;
    let bytes: Buffer;
    try {
      const file = await request.file({ limits: { fileSize: limit, files: 1, fields: 10, parts: 12 } });
      if (!file) throw new UploadMissingFile();
      bytes = await file.toBuffer();
    } catch (error) {
      throw multipartError(error, limit);
    }
    return this.uploads.store(caller.userId, bytes);
  }

  @Public()
  @Get('media/uploads/:month/:name')
  async serve(@Param(zod(UploadParams)) params: z.infer<typeof UploadParams>, @Res() reply: FastifyReply) {
    const file = await this.storage.open(`${params.month}/${params.name}`);
    if (!file) throw new NotFound('File');
    const ext = params.name.split('.').pop() as string;
    return reply
      .header('content-type', CONTENT_TYPES[ext])
      .header('content-length', String(file.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }
}

/** @fastify/multipart's errors as ours: too large → 413, too many parts → 413, anything else → 400. */
function multipartError(error: unknown, limit: number): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new UploadTooLarge(limit);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new UploadTooLarge(limit);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new UploadTypeUnsupported('Send the file as multipart/form-data', [
      'multipart/form-data',
      ...ALLOWED_UPLOAD_TYPES,
    ]);
  return new UploadMalformed();
}
