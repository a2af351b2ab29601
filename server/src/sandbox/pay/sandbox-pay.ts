import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WechatPayCredentials } from '../../infra/config/env.schema';
import { registerPayControlRoutes } from './pay-control';
import { generateSandboxPayMaterialSync, payCredentialsOf, type SandboxPayMaterial, type VerifyMode } from './pay-keys';
import { PayNotifier, type Signer } from './pay-notifier';
import { registerPayRoutes } from './pay-routes';
import { PayStore } from './pay-store';
import { installRawJsonParser, type PayFault, type PaySigning } from './pay-transport';
import { registerTransferRoutes } from './pay-transfers';
import { TransferStore } from './transfer-store';

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
  /** The merchant's fake 运营账户 balance in fen (商家转账 answers NOT_ENOUGH beyond it); 10^10. */
  fakeMerchantBalance?: number;
  /** 商家转账 scenes granted to the merchant (default '1000' 现金营销 and '1005' 佣金报酬). */
  transferScenes?: string[];
  /** A transfer cancel answers CANCELING; the bill is CANCELLED this much later (100 ms). */
  transferCancelDelayMs?: number;
}

export interface SandboxPay {
  credentials: WechatPayCredentials;
  material: SandboxPayMaterial;
  /** Closes 商家转账 bills left unconfirmed for 24 h by WeChat's clock (after the clock moved). */
  expireOverdueTransfers(): number;
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
  const transfers = new TransferStore({
    mchid: material.mchid,
    now: wechatNow,
    notifier,
    initialBalance: options.fakeMerchantBalance ?? 10_000_000_000,
    cancelDelayMs: options.transferCancelDelayMs ?? 100,
  });
  transfers.startSweeping(5_000);
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
  registerTransferRoutes(app, { ...context, transfers, scenes: options.transferScenes ?? ['1000', '1005'] });
  registerPayControlRoutes(app, {
    ...context,
    material,
    settings,
    applySettings,
  });

  return {
    credentials: payCredentialsOf(material, verifyMode),
    material,
    expireOverdueTransfers: () => transfers.expireOverdue(),
    reset() {
      store.reset();
      transfers.reset();
      notifier.reset();
      faults.length = 0;
      Object.assign(settings, defaults);
      applySettings();
    },
    close() {
      store.reset();
      transfers.close();
      notifier.close();
    },
  };
}
