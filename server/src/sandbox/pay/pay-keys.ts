import { createHash, createPublicKey, generateKeyPair, generateKeyPairSync, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { WechatPayCredentials } from '../../infra/config/env.schema';
import { randomAlphanumeric } from '../../wechat/pay/wechatpay-crypto';

/**
 * The sandbox's WeChat Pay key material (WECHAT.md §E.2): the merchant's API key and self-signed
 * certificate (what a merchant downloads from the platform), the WeChat Pay public key pair that
 * signs answers and notifications, optionally a platform certificate (old merchants), and the
 * APIv3 key. Generated once per sandbox start (~0.2 s per RSA key) or passed in by tests.
 */
export interface SandboxPayMaterial {
  mchid: string;
  merchant: { serial: string; privateKeyPem: string; certificatePem: string };
  /** 微信支付公钥: `PUB_KEY_ID_` + 32 digits. */
  wechatpayKey: { id: string; privateKeyPem: string; publicKeyPem: string };
  /** 平台证书, only for `verifyMode` 'cert' / 'switching'. */
  platformCertificate?: { serial: string; privateKeyPem: string; certificatePem: string };
  apiV3Key: string;
}

export type VerifyMode = 'pubkey' | 'cert' | 'switching';

export const SANDBOX_MCHID = '1900000109';

const RSA_OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;

interface KeyPair {
  publicKey: string;
  privateKey: string;
}

const generateAsync = promisify(generateKeyPair);

/** Generates everything in parallel (the RSA keys run on the thread pool). */
export async function generateSandboxPayMaterial(
  options: { platformCertificate?: boolean } = {},
): Promise<SandboxPayMaterial> {
  const pairs = await Promise.all(
    Array.from(
      { length: options.platformCertificate ? 3 : 2 },
      () => generateAsync('rsa', RSA_OPTIONS) as Promise<KeyPair>,
    ),
  );
  return assemble(pairs);
}

/** The same, synchronously (buildSandbox without pre-generated material). */
export function generateSandboxPayMaterialSync(options: { platformCertificate?: boolean } = {}): SandboxPayMaterial {
  const pairs = Array.from({ length: options.platformCertificate ? 3 : 2 }, () =>
    generateKeyPairSync('rsa', RSA_OPTIONS),
  );
  return assemble(pairs);
}

function assemble([merchant, wechatpay, platform]: KeyPair[]): SandboxPayMaterial {
  const merchantSerial = serialOf(merchant.publicKey);
  const platformSerial = platform ? serialOf(platform.publicKey) : undefined;
  return {
    mchid: SANDBOX_MCHID,
    merchant: {
      serial: merchantSerial,
      privateKeyPem: merchant.privateKey,
      certificatePem: selfSignedCertificate(merchant, merchantSerial, SANDBOX_MCHID),
    },
    wechatpayKey: {
      id: `PUB_KEY_ID_${Array.from({ length: 32 }, () => randomInt(10)).join('')}`,
      privateKeyPem: wechatpay.privateKey,
      publicKeyPem: wechatpay.publicKey,
    },
    platformCertificate:
      platform && platformSerial
        ? {
            serial: platformSerial,
            privateKeyPem: platform.privateKey,
            certificatePem: selfSignedCertificate(platform, platformSerial, 'Tenpay.com Root CA'),
          }
        : undefined,
    apiV3Key: randomAlphanumeric(32),
  };
}

/** 40 upper-case hex derived from the key, so a new key never reuses a serial. */
function serialOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 40).toUpperCase();
}

function selfSignedCertificate(pair: KeyPair, serial: string, commonName: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  // A leading 00 keeps the ASN.1 integer positive whatever the first hex digit is.
  cert.serialNumber = `00${serial}`;
  const notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + 5 * 365 * 24 * 3600_000);
  const attributes = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'WeChat Pay sandbox' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attributes);
  cert.setIssuer(attributes);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** What the merchant server is configured with for this material (public-key mode by default). */
export function payCredentialsOf(
  material: SandboxPayMaterial,
  verifyMode: VerifyMode = 'pubkey',
): WechatPayCredentials {
  const platformPublicKeys: Record<string, string> = { [material.wechatpayKey.id]: material.wechatpayKey.publicKeyPem };
  if (material.platformCertificate && verifyMode !== 'pubkey')
    platformPublicKeys[material.platformCertificate.serial] = material.platformCertificate.certificatePem;
  return {
    mchid: material.mchid,
    merchantSerial: material.merchant.serial,
    merchantPrivateKeyPem: material.merchant.privateKeyPem,
    merchantCertificatePem: material.merchant.certificatePem,
    apiV3Key: material.apiV3Key,
    platformPublicKeys,
    preferredPlatformSerial:
      verifyMode === 'cert' && material.platformCertificate
        ? material.platformCertificate.serial
        : material.wechatpayKey.id,
  };
}
