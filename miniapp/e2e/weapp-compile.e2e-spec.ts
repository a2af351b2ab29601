import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The weapp build compiled by WeChat's own compiler (miniprogram-ci, from WeChat DevTools), offline:
 * the closest check to opening the project in DevTools. It rejects broken WXML and pages missing
 * from app.json. The compile runs in a child process (miniprogram-ci leaves a handle open).
 */
jest.setTimeout(120_000);

const weappDir = path.resolve(__dirname, '../dist/weapp');
const script = path.join(__dirname, 'support/compile-weapp.js');
const PAGES = [
  'pages/home/index',
  'pages/category/index',
  'pages/product/index',
  'pages/cart/index',
  'pages/me/index',
  'pages/community/index',
];
const SUBPACKAGES: Record<string, string[]> = {
  'subpackages/order': ['confirm/index', 'pay-result/index', 'list/index', 'detail/index'],
  'subpackages/address': ['list/index', 'edit/index'],
  'subpackages/admin': [
    'orders/index',
    'products/index',
    'aftersales/index',
    'distributors/index',
    'withdrawals/index',
    'distribution-settings/index',
    'groupbuys/index',
    'community/index',
    'communities/index',
    'analytics/index',
    'promotions/index',
    'coupons/index',
    'member-levels/index',
    'member-day/index',
    'points-rules/index',
    'points-mall/index',
  ],
  'subpackages/groupbuy': ['group/index', 'mine/index'],
  'subpackages/aftersales': ['request/index', 'detail/index', 'list/index'],
  'subpackages/community': ['list/index', 'post/index', 'editor/index', 'discover/index'],
  'subpackages/marketing': [
    'member/index',
    'sign-in/index',
    'points/index',
    'coupons/index',
    'member-day/index',
    'flash-sale/index',
    'points-mall/index',
  ],
  'subpackages/review': ['write/index'],
  'subpackages/distribution': [
    'center/index',
    'commissions/index',
    'withdraw/index',
    'customers/index',
    'team/index',
    'poster/index',
  ],
};

interface CompileOutcome {
  ok: boolean;
  message?: string;
  files?: string[];
  appJson?: string | null;
  networkAttempts: string[];
}

function compile(dir: string): Promise<CompileOutcome> {
  const work = mkdtempSync(path.join(tmpdir(), 'weapp-compile-'));
  const resultFile = path.join(work, 'result.json');
  return new Promise<CompileOutcome>((resolve, reject) => {
    execFile(process.execPath, [script, dir, resultFile], { timeout: 110_000 }, (error, _stdout, stderr) => {
      try {
        if (!existsSync(resultFile)) return reject(new Error(`compile-weapp wrote no result: ${error}\n${stderr}`));
        resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as CompileOutcome);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

describe('weapp build compiled by miniprogram-ci', () => {
  let outcome: CompileOutcome;

  beforeAll(async () => {
    if (!existsSync(path.join(weappDir, 'app.json'))) {
      throw new Error(`no weapp build at ${weappDir}: run npm run build:weapp -w miniapp`);
    }
    outcome = await compile(weappDir);
  });

  it('compiles without errors', () => {
    expect(outcome.message).toBeUndefined();
    expect(outcome.ok).toBe(true);
  });

  it('app.json lists the main pages and the subpackages, each page compiled', () => {
    const appJson = JSON.parse(outcome.appJson ?? '{}') as {
      pages?: string[];
      subPackages?: { root: string; pages: string[] }[];
      subpackages?: { root: string; pages: string[] }[];
    };
    expect(appJson.pages).toEqual(PAGES);
    const subpackages = appJson.subPackages ?? appJson.subpackages ?? [];
    expect(Object.fromEntries(subpackages.map((s) => [s.root.replace(/\/$/, ''), s.pages]))).toEqual(SUBPACKAGES);
    const all = [...PAGES, ...Object.entries(SUBPACKAGES).flatMap(([root, pages]) => pages.map((p) => `${root}/${p}`))];
    for (const page of all) {
      for (const ext of ['js', 'json', 'wxml']) expect(outcome.files).toContain(`${page}.${ext}`);
    }
  });

  it('needs no network: every socket was refused and only the optional extension list was tried', () => {
    expect(outcome.networkAttempts.filter((host) => host !== 'servicewechat.com')).toEqual([]);
  });
});
