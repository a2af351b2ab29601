import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { placeholderPng } from './placeholder-image';

const DemoImageParams = z
  .object({ name: z.string().regex(/^[a-z0-9-]{1,64}\.png$/, 'must be a demo image name') })
  .strict();

/** Serves the demo shop's pictures (generated once per name and cached in memory). */
@Public()
@Controller('media')
export class MediaController {
  private readonly cache = new Map<string, Buffer>();

  constructor(@Inject('MEDIA_CACHE_LIMIT') private readonly limit: number) {}

  @Get('demo/:name')
  demo(@Param(zod(DemoImageParams)) params: z.infer<typeof DemoImageParams>, @Res() reply: FastifyReply) {
    let png = this.cache.get(params.name);
    if (!png) {
      png = placeholderPng(params.name.replace(/\.png$/, ''));
      if (this.cache.size < this.limit) this.cache.set(params.name, png);
    }
    return reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=86400').send(png);
  }
}
