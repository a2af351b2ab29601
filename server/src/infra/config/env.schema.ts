import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository root, found from this file both in `src/` (ts-jest) and in `dist/` (node). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const SANDBOX_APPID = 'wx5a0d7e0c4b6f1e20';
const SANDBOX_SECRET = 'sandbox0secret0not0for0production';
const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production';
/** Message push (消息推送) Token and EncodingAESKey the sandbox and the server share by default. */
export const SANDBOX_PUSH_TOKEN = 'weshopSandboxPushToken';
export const SANDBOX_PUSH_AES_KEY = 'weshopSandboxEncodingAesKey0123456789abcdef';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalUrl = z.string().url().optional();

/**
 * Every environment variable the server reads. Defaults run the local demo.
 * Parsed once at start-up; a bad value names the variable and stops the process.
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_BASE_URL: optionalUrl,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string()
      .regex(/^mysql:\/\/.+/, 'must be a mysql:// URL')
      .default('mysql://root@127.0.0.1:3306/weshop'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
      .default('weshop'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(7 * 24 * 3600),
    SHOP_TIMEZONE: z.string().default('Asia/Shanghai'),
    WECHAT_APPID: z
      .string()
      .regex(/^wx[0-9a-f]{16}$/, 'must look like wx + 16 hex digits')
      .optional(),
    WECHAT_SECRET: z.string().min(16).optional(),
    WECHAT_API_BASE: optionalUrl,
    WECHATPAY_API_BASE: optionalUrl,
    SANDBOX_PORT: port.default(3001),
    WECHATPAY_MCHID: z
      .string()
      .regex(/^\d{8,12}$/, 'must be the merchant number (digits)')
      .optional(),
    WECHATPAY_MERCHANT_SERIAL: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,40}$/, 'must be the certificate serial (hex)')
      .optional(),
    WECHATPAY_PRIVATE_KEY_FILE: z.string().optional(),
    WECHATPAY_MERCHANT_CERT_FILE: z.string().optional(),
    WECHATPAY_APIV3_KEY: z.string().length(32, 'must be 32 characters').optional(),
    WECHATPAY_PUBLIC_KEY_FILE: z.string().optional(),
    WECHATPAY_PUBLIC_KEY_ID: z
      .string()
      .regex(/^PUB_KEY_ID_\d+$/, 'must look like PUB_KEY_ID_0123...')
      .optional(),
    ORDER_PAYMENT_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(15 * 60),
    ACTIVITY_PAYMENT_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(5 * 60),
    AUTO_CONFIRM_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(7 * 24 * 3600),
    AFTERSALE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(7 * 24 * 3600),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Run the job worker and the sweeper in this process (dev and tests run both in one). */
    WORKER_ENABLED: z.enum(['true', 'false']).default('true'),
    H5_DIR: z.string().default(path.join(REPO_ROOT, 'miniapp', 'dist', 'h5')),
    /** 消息推送 Token (3-32 letters/digits) and EncodingAESKey (43), as set in the mini-program console. */
    WECHAT_PUSH_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits')
      .default(SANDBOX_PUSH_TOKEN),
    WECHAT_PUSH_AES_KEY: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters or digits')
      .default(SANDBOX_PUSH_AES_KEY),
    /** Where uploaded images and videos are stored (local-disk storage). */
    UPLOAD_DIR: z.string().default(path.join(REPO_ROOT, '.run', 'uploads')),
    UPLOAD_MAX_IMAGE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    UPLOAD_MAX_VIDEO_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(50 * 1024 * 1024),
    /** A file of extra forbidden words for posts and comments, one per line (added to the built-in list). */
    CONTENT_KEYWORDS_FILE: z.string().optional(),
    /** An image check whose result has not arrived after this long sends the post to a manager. */
    MEDIA_CHECK_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(40 * 60),
    /** 订阅消息 template ids by key, e.g. `ORDER_SHIPPED=abc…,REFUND_DONE=def…` (default: the sandbox's). */
    WECHAT_SUBSCRIBE_TEMPLATE_IDS: z
      .string()
      .regex(/^[A-Z_]+=[A-Za-z0-9_-]+(,[A-Z_]+=[A-Za-z0-9_-]+)*$/, 'must be KEY=templateId pairs, comma-separated')
      .optional(),
    /** Attempts at sending one subscription message (WeChat busy or rate-limited), backing off exponentially. */
    NOTIFICATION_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
    }
    if (Boolean(env.WECHAT_APPID) !== Boolean(env.WECHAT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'WECHAT_APPID and WECHAT_SECRET go together' });
    }
    if (env.NODE_ENV === 'production' && !env.WECHAT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_SECRET'],
        message: 'live WeChat credentials are required in production',
      });
    }
  });
export type Env = z.infer<typeof EnvSchema>;

export const WECHAT_LIVE_API_BASE = 'https://api.weixin.qq.com';
export const WECHATPAY_LIVE_API_BASE = 'https://api.mch.weixin.qq.com';

/** Resolved configuration, injected as `AppConfig`. Nothing else reads `process.env`. */
export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Absolute origin used to build media URLs; resolved from the listening address when unset. */
  publicBaseUrl: string;
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  jwt: { secret: string; ttlSeconds: number };
  shopTimeZone: string;
  h5Dir: string;
  wechat: {
    /** sandbox: no live credentials, the local WeChat sandbox is started and used. */
    mode: 'sandbox' | 'live';
    appid: string;
    secret: string;
    /** Where mini-program server APIs (jscode2session, stable_token...) are called. */
    apiBase: string;
    /** Where WeChat Pay APIv3 is called. */
    payApiBase: string;
    sandboxPort: number;
    /** WeChat Pay merchant credentials: from files when live, from the sandbox otherwise (set at start-up). */
    pay?: WechatPayCredentials;
    /** 消息推送 (message push, JSON safe mode): Token and EncodingAESKey. Never logged. */
    messagePush: { token: string; encodingAesKey: string };
  };
  /** Uploaded images and videos: the local-disk storage directory and size limits. */
  uploads: { dir: string; maxImageBytes: number; maxVideoBytes: number };
  /** Content security of posts and comments. */
  content: { keywordsFile?: string; mediaCheckTimeoutMs: number };
  orders: {
    paymentTimeoutMs: number;
    /** Flash-sale and group-buy orders wait less for payment. */
    activityPaymentTimeoutMs: number;
    autoConfirmMs: number;
    aftersaleWindowMs: number;
    /** How often the sweeper looks for overdue orders a lost job would have handled. */
    sweepIntervalMs: number;
  };
  workerEnabled: boolean;
  /** 订阅消息: template ids configured by key (others use the sandbox's defaults) and the send retries. */
  notifications: { templateIds: Record<string, string>; sendAttempts: number; retryBaseMs: number };
}

/** Everything the merchant side of WeChat Pay APIv3 needs. PEM strings, never logged. */
export interface WechatPayCredentials {
  mchid: string;
  /** Serial of the merchant API certificate (apiclient_cert.pem), upper-case hex. */
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  merchantCertificatePem: string;
  /** 32-character APIv3 key (AES-256-GCM for notifications). */
  apiV3Key: string;
  /** Keys that sign WeChat Pay's responses and notifications, by Wechatpay-Serial (PUB_KEY_ID_… or certificate serial). */
  platformPublicKeys: Record<string, string>;
  /** The serial to send in Wechatpay-Serial (public-key mode for new merchants). */
  preferredPlatformSerial: string;
}

export class ConfigError extends Error {}

/**
 * Parses the environment. The error names each bad variable and why, never its value
 * (a value may be a secret).
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const live = Boolean(env.WECHAT_SECRET);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? '').replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    jwt: { secret: env.JWT_SECRET, ttlSeconds: env.JWT_TTL_SECONDS },
    shopTimeZone: env.SHOP_TIMEZONE,
    h5Dir: env.H5_DIR,
    wechat: {
      mode: live ? 'live' : 'sandbox',
      appid: env.WECHAT_APPID ?? SANDBOX_APPID,
      secret: env.WECHAT_SECRET ?? SANDBOX_SECRET,
      apiBase: (env.WECHAT_API_BASE ?? (live ? WECHAT_LIVE_API_BASE : '')).replace(/\/$/, ''),
      payApiBase: (env.WECHATPAY_API_BASE ?? (live ? WECHATPAY_LIVE_API_BASE : '')).replace(/\/$/, ''),
      sandboxPort: env.SANDBOX_PORT,
      pay: live ? livePayCredentials(env) : undefined,
      messagePush: { token: env.WECHAT_PUSH_TOKEN, encodingAesKey: env.WECHAT_PUSH_AES_KEY },
    },
    uploads: {
      dir: env.UPLOAD_DIR,
      maxImageBytes: env.UPLOAD_MAX_IMAGE_BYTES,
      maxVideoBytes: env.UPLOAD_MAX_VIDEO_BYTES,
    },
    content: { keywordsFile: env.CONTENT_KEYWORDS_FILE, mediaCheckTimeoutMs: env.MEDIA_CHECK_TIMEOUT_SECONDS * 1000 },
    orders: {
      paymentTimeoutMs: env.ORDER_PAYMENT_TIMEOUT_SECONDS * 1000,
      activityPaymentTimeoutMs: env.ACTIVITY_PAYMENT_TIMEOUT_SECONDS * 1000,
      autoConfirmMs: env.AUTO_CONFIRM_SECONDS * 1000,
      aftersaleWindowMs: env.AFTERSALE_WINDOW_SECONDS * 1000,
      sweepIntervalMs: env.SWEEP_INTERVAL_SECONDS * 1000,
    },
    workerEnabled: env.WORKER_ENABLED === 'true',
    notifications: {
      templateIds: Object.fromEntries(
        (env.WECHAT_SUBSCRIBE_TEMPLATE_IDS ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split('=') as [string, string]),
      ),
      sendAttempts: env.NOTIFICATION_SEND_ATTEMPTS,
      retryBaseMs: env.NOTIFICATION_RETRY_BASE_MS,
    },
  };
}

/** Reads the live merchant's key files; a missing file or variable is named, never printed. */
function livePayCredentials(env: Env): WechatPayCredentials | undefined {
  const required = [
    'WECHATPAY_MCHID',
    'WECHATPAY_MERCHANT_SERIAL',
    'WECHATPAY_PRIVATE_KEY_FILE',
    'WECHATPAY_MERCHANT_CERT_FILE',
    'WECHATPAY_APIV3_KEY',
    'WECHATPAY_PUBLIC_KEY_FILE',
    'WECHATPAY_PUBLIC_KEY_ID',
  ] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length === required.length) return undefined;
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((m) => `  ${m}: required for WeChat Pay`).join('\n')}`,
    );
  const read = (name: (typeof required)[number]) => {
    try {
      return readFileSync(env[name] as string, 'utf8');
    } catch {
      throw new ConfigError(`Invalid configuration:\n  ${name}: the file cannot be read`);
    }
  };
  const publicKeyId = env.WECHATPAY_PUBLIC_KEY_ID as string;
  return {
    mchid: env.WECHATPAY_MCHID as string,
    merchantSerial: (env.WECHATPAY_MERCHANT_SERIAL as string).toUpperCase(),
    merchantPrivateKeyPem: read('WECHATPAY_PRIVATE_KEY_FILE'),
    merchantCertificatePem: read('WECHATPAY_MERCHANT_CERT_FILE'),
    apiV3Key: env.WECHATPAY_APIV3_KEY as string,
    platformPublicKeys: { [publicKeyId]: read('WECHATPAY_PUBLIC_KEY_FILE') },
    preferredPlatformSerial: publicKeyId,
  };
}

/** "sandbox" whenever either WeChat base URL is not WeChat's real host. */
export function wechatModeOf(config: AppConfig): 'sandbox' | 'live' {
  return config.wechat.apiBase === WECHAT_LIVE_API_BASE && config.wechat.payApiBase === WECHATPAY_LIVE_API_BASE
    ? 'live'
    : 'sandbox';
}
