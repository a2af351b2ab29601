import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './infra/config/env.schema';
import { Clock } from './infra/clock';
import { JobQueue } from './infra/queue/job-queue';
import { ErrorFilter } from './infra/http/error.filter';
import { createLogger, PinoNestLogger, requestIdFrom } from './infra/http/logger';
import { serializeReply } from './infra/http/reply-serializer';
import { registerApiDocs } from './openapi/docs.routes';
import { startWechatSandbox, type WechatSandbox } from './sandbox/wechat-sandbox';

/** Connections waiting to be accepted (the kernel caps it at net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  sandbox?: WechatSandbox;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Builds and starts the HTTP server: Fastify with pino JSON logs and request ids, the one error
 * shape, OpenAPI at /api/docs, the h5 build at / when present, and, when no live WeChat
 * credentials are configured, the WeChat sandbox on its own loopback listener.
 * `config` is completed here (base URLs resolved from the listening addresses) and then frozen.
 */
export async function startServer(config: AppConfig, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);

  // The sandbox starts first: its address and its merchant keys complete the configuration the
  // WeChat clients read. The shop's Clock exists only once Nest has built the app, hence the relay.
  const clockRelay = new ClockRelay();
  let sandbox: WechatSandbox | undefined;
  if (config.wechat.mode === 'sandbox') {
    sandbox = await startWechatSandbox({
      appid: config.wechat.appid,
      secret: config.wechat.secret,
      port: config.wechat.sandboxPort,
      clock: clockRelay,
      env: config.env,
    });
    if (!config.wechat.apiBase) config.wechat.apiBase = sandbox.url;
    if (!config.wechat.payApiBase) config.wechat.payApiBase = sandbox.url;
    config.wechat.pay ??= sandbox.payCredentials;
  }

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    forceCloseConnections: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    rawBody: true,
  });
  clockRelay.attach(app.get(Clock));
  app.get(JobQueue).useLogger(logger);
  app.useGlobalFilters(new ErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.setReplySerializer(serializeReply);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerApiDocs(fastify, '0.1.0');

  if (existsSync(config.h5Dir)) {
    await fastify.register(fastifyStatic, { root: config.h5Dir, prefix: '/', wildcard: false, index: ['index.html'] });
  }

  // A sale opens many connections in the same instant; beyond Node's default accept queue (511)
  // the kernel drops the handshakes and each of those phones waits a second to retry.
  await app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG });
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  if (!config.publicBaseUrl) config.publicBaseUrl = url;
  Object.freeze(config.wechat);
  Object.freeze(config);
  logger.info({ url, wechat: config.wechat.mode, sandbox: sandbox?.url }, 'server started');

  return {
    app,
    url,
    sandbox,
    logger,
    async close() {
      await app.close();
      await sandbox?.close();
    },
  };
}

/** Lets the sandbox read and move the shop's clock, which exists only after the app is built. */
class ClockRelay {
  private clock?: Clock;
  attach(clock: Clock): void {
    this.clock = clock;
  }
  now(): Date {
    return this.clock?.now() ?? new Date();
  }
  async set(at: Date | null): Promise<void> {
    if (!this.clock) throw new Error('the shop clock is not ready yet');
    await this.clock.set(at);
  }
}
