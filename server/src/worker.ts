import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './infra/config/env.schema';
import { createLogger, PinoNestLogger } from './infra/http/logger';
import { JobQueue } from './infra/queue/job-queue';

/**
 * The job worker on its own, without HTTP: `node server/dist/worker.js`. It runs the same domain
 * modules' job handlers (order timeouts, auto-confirm, refunds, WeChat uploads) and the sweepers.
 * In development and tests the API server runs them in-process (WORKER_ENABLED=true); in
 * production run the API with WORKER_ENABLED=false and one or more of these.
 * Live WeChat credentials are required here: the sandbox lives in the API process.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, WORKER_ENABLED: 'true' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  app.get(JobQueue).useLogger(logger);
  logger.info({ wechat: config.wechat.mode }, 'worker started');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
