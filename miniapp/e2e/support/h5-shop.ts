import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../../server/test/support/stack';

const CHROMIUM = '/usr/bin/chromium';
const h5Dir = path.resolve(__dirname, '../../dist/h5');
const shots = path.resolve(__dirname, '../../../artifacts/screenshots');

/** The h5 build served by a real stack, and a phone-sized headless Chromium page on it. */
export interface H5Shop {
  stack: Stack;
  page: Page;
  /** Screenshot to artifacts/screenshots/<prefix>-<step>.png once transitions and images settle. */
  shoot(step: string): Promise<void>;
  /** The page on top of Taro's h5 page stack. */
  stationed(): Locator;
  /** The browser's bearer token (Taro h5 keeps storage in localStorage as JSON `{ data }`). */
  browserToken(): Promise<string>;
  close(): Promise<void>;
}

/** Starts a stack (fresh database, demo shop, server, WeChat sandbox) and Chromium; page errors go to `pageErrors`. */
export async function openH5Shop(label: string, screenshotPrefix: string, pageErrors: string[]): Promise<H5Shop> {
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`no h5 build at ${h5Dir}: run npm run build:h5 -w miniapp`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(shots, { recursive: true });
  const stack = await startStack({ label, seed: true, h5Dir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
    });
  } catch (error) {
    await stack.close();
    throw error;
  }
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    stack,
    page,
    async shoot(step) {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(shots, `${screenshotPrefix}-${step}.png`) });
    },
    stationed: () => page.locator('.taro_page_stationed'),
    async browserToken() {
      const raw = await page.evaluate(() => window.localStorage.getItem('weshop.token'));
      if (!raw) throw new Error('the browser holds no token');
      return (JSON.parse(raw) as { data: string }).data;
    },
    async close() {
      await browser?.close();
      await stack.close();
    },
  };
}
