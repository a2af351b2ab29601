#!/usr/bin/env node
/**
 * Compiles a weapp build with WeChat's own compiler (miniprogram-ci, extracted from WeChat DevTools),
 * fully offline, and prints one JSON line: { ok, files, appJson, networkAttempts } or { ok: false, message }.
 *
 * Run in its own process because miniprogram-ci leaves a handle open: this script exits when done.
 * Offline: the Project gets a throw-away RSA key and an `attr` function returning the account
 * attributes (otherwise it signs a request to WeChat for them), and every outgoing socket is refused
 * and counted. The one attempt left is the optional extension white list (servicewechat.com), which
 * falls back to the built-in list when refused.
 *
 * Usage: node compile-weapp.js <dist/weapp dir> <result file>
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const networkAttempts = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function refuse(...args) {
  const target = args[0] && typeof args[0] === 'object' ? args[0].host || args[0].path : args[1] || args[0];
  networkAttempts.push(String(target));
  process.nextTick(() => this.destroy(new Error(`network disabled in compile-weapp (tried ${target})`)));
  return this;
};
void connect;

const resultFile = process.argv[3];
function print(result) {
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result));
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main() {
  const projectPath = path.resolve(process.argv[2] || '');
  if (!fs.existsSync(path.join(projectPath, 'app.json'))) {
    throw new Error(`no weapp build at ${projectPath}: run npm run build:weapp -w miniapp`);
  }
  const ci = require('miniprogram-ci');
  const projectConfig = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8'));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-ci-'));
  const privateKeyPath = path.join(dir, 'private.key');
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });

  try {
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      projectPath,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
      // What WeChat's attr endpoint would answer for an ordinary mini-program account.
      attr: async () => ({ ...ci.DefaultProjectAttr, setting: { ...ci.DefaultProjectAttr.setting }, gameApp: false }),
    });
    const result = await ci.getCompiledResult({
      project,
      desc: 'e2e compile check',
      setting: { es6: true, minify: true },
    });
    const files = Object.keys(result).sort();
    const appJson = result['app.json'] === undefined ? null : String(result['app.json']);
    print({ ok: true, files, appJson, networkAttempts });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    print({
      ok: false,
      message: String((error && error.message) || error),
      code: error && error.code,
      networkAttempts,
    });
    process.exit(1);
  },
);
