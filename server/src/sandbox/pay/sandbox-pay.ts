import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WechatPayCredentials } from '../../infra/config/env.schema';
import { registerPayControlRoutes } from './pay-control';
import { generateSandboxPayMaterialSync, payCredentialsOf, type SandboxPayMaterial, type VerifyMode } from './pay-keys';
import { PayNotifier, type Signer } from './pay-notifier';
import { registerPayRoutes } from './pay-routes';
import { PayStore } from './pay-store';
import { installRawJsonParser, type PayFault, type PaySigning } from './pay-transport';

/** Options of the sandbox's WeChat Pay side (WECHAT.md §E.1). */
export interface SandboxPayOptions {
  /** Pre-generated keys (tests reuse them); generated at start otherwise. */
  material?: SandboxPayMaterial;
  /** 'pubkey' (default, new merchants), 'cert' (platform certificate), 'switching' (both). */
  verifyMode?: VerifyMode;
  /** In 'switching' mode, the share of notifications signed with the public key (0.5). */
  switchingPubkeyRatio?: number;
  /** Multiplies WeChat's retry schedule (default 1/1000: 15 s → 15 ms). */
  timeScale?: number;
  /** A merchant answer slower than this is a failed delivery (5000). */
  notifyTimeoutMs?: number;
  /** Refunds complete by themselves after this long (300 ms)… */
  autoRefundMs?: number;
  /** …unless switched off (then `POST /sandbox/refunds/:no/complete`). */
  autoCompleteRefunds?: boolean;
  /** Added to every WeChat timestamp (clock skew between WeChat and the shop). */
  clockOffsetSec?: number;
}

export interface SandboxPay {
  credentials: WechatPayCredentials;
  material: SandboxPayMaterial;
  reset(): void;
  close(): void;
}

/**
 * Mounts the Pay side on the sandbox's Fastify instance: the raw-body JSON parser, `/v3/**`
 * (merchant-authenticated, signed answers) and the Pay control routes under `/sandbox/**`.
 */
export function registerSandboxPay(
  app: FastifyInstance,
  options: SandboxPayOptions & {
    appid: string;
    now: () => Date;
    knownOpenid(openid: string): boolean;
  },
): SandboxPay {
  const verifyMode = options.verifyMode ?? 'pubkey';
  const material = options.material ?? generateSandboxPayMaterialSync({ platformCertificate: verifyMode !== 'pubkey' });
  if (verifyMode !== 'pubkey' && !material.platformCertificate)
    throw new Error(`verifyMode ${verifyMode} needs material with a platform certificate`);
  const wechatNow = () => new Date(options.now().getTime() + (options.clockOffsetSec ?? 0) * 1000);
  const pubkeyId = material.wechatpayKey.id;
  const certSerial = material.platformCertificate?.serial;
  const privateKeys: Record<string, string> = { [pubkeyId]: material.wechatpayKey.privateKeyPem };
  if (certSerial && verifyMode !== 'pubkey') privateKeys[certSerial] = material.platformCertificate!.privateKeyPem;

  const signing: PaySigning = {
    mchid: material.mchid,
    merchantPublicKey: material.merchant.certificatePem,
    merchantSerial: material.merchant.serial,
    now: wechatNow,
    knownPlatformSerials: () => Object.keys(privateKeys),
    defaultResponseSerial: () => (verifyMode === 'cert' && certSerial ? certSerial : pubkeyId),
    privateKeyFor: (serial) => privateKeys[serial],
  };
  const ratio = options.switchingPubkeyRatio ?? 0.5;
  const signer: Signer = {
    now: wechatNow,
    privateKeyFor: (serial) => privateKeys[serial],
    notificationSerial: () => {
      if (verifyMode === 'pubkey' || !certSerial) return pubkeyId;
      if (verifyMode === 'cert') return certSerial;
      return randomInt(1_000_000) < ratio * 1_000_000 ? pubkeyId : certSerial;
    },
  };

  const settings = {
    autoCompleteRefunds: options.autoCompleteRefunds ?? true,
    autoRefundMs: options.autoRefundMs ?? 300,
    timeScale: options.timeScale ?? 1 / 1000,
    notifyTimeoutMs: options.notifyTimeoutMs ?? 5_000,
  };
  const notifier = new PayNotifier(signer, {
    apiV3Key: material.apiV3Key,
    timeScale: settings.timeScale,
    notifyTimeoutMs: settings.notifyTimeoutMs,
  });
  const store = new PayStore({
    mchid: material.mchid,
    now: wechatNow,
    notifier,
    autoCompleteRefunds: settings.autoCompleteRefunds,
    autoRefundMs: settings.autoRefundMs,
  });
  const faults: PayFault[] = [];
  const defaults = { ...settings };
  const applySettings = () => {
    store.options.autoCompleteRefunds = settings.autoCompleteRefunds;
    store.options.autoRefundMs = settings.autoRefundMs;
    notifier.settings.timeScale = settings.timeScale;
    notifier.settings.notifyTimeoutMs = settings.notifyTimeoutMs;
  };

  installRawJsonParser(app);
  const context = {
    appid: options.appid,
    mchid: material.mchid,
    signing,
    store,
    notifier,
    faults,
    knownOpenid: options.knownOpenid,
  };
  registerPayRoutes(app, context);
  registerPayControlRoutes(app, {
    ...context,
    material,
    settings,
    applySettings,
  });

  return {
    credentials: payCredentialsOf(material, verifyMode),
    material,
    reset() {
      store.reset();
      notifier.reset();
      faults.length = 0;
      Object.assign(settings, defaults);
      applySettings();
    },
    close() {
      store.reset();
      notifier.close();
    },
  };
}
