import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startPlatformProcess, type RunningPlatform } from './platform-process.ts';

/** What every browser test file shares: the platform process, one Chromium, and the page helpers. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../../artifacts/screenshots/', import.meta.url).pathname;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const hasChromium = existsSync(CHROMIUM);
export const adminBuilt = existsSync(new URL('../../apps/admin/dist/index.html', import.meta.url));
export const shopBuilt = existsSync(new URL('../../apps/shop/dist/h5/index.html', import.meta.url));

/** The console's desktop window and the shop's phone screen, both in Shanghai. */
// Reduced motion: the console then opens and closes dialogs and drawers at once, so no click lands on a
// dialog still zooming in (or on the mask around it) and no focus hand-back arrives after the next keystroke.
export const CONSOLE_PAGE: BrowserContextOptions = { viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' };
export const SHOP_PAGE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface BrowserSuite {
  readonly platform: RunningPlatform;
  readonly browser: Browser;
  /** A JSON call to the platform in zh-CN; the status is the caller's to check. */
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: Json }>;
  /** A JSON call to the platform that throws unless it answers 2xx. */
  api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T>;
  /** A demo account's bearer token. */
  login(phone: string, surface?: 'admin' | 'shop'): Promise<string>;
  /** A console page signed in as a demo account. */
  consolePage(phone: string): Promise<Page>;
  /** The h5 shop's address of a page path such as `/pages/index/index`. */
  shopUrl(path: string): string;
}

/**
 * Starts the platform process and Chromium before the file's tests and stops both after. `setUp`
 * runs inside the same hook, once both are up, for fixtures a file needs before its first test.
 */
export function useBrowserSuite(canRun: boolean, setUp?: (suite: BrowserSuite) => Promise<void>): BrowserSuite {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const suite: BrowserSuite = {
    get platform() {
      if (!platform) throw new Error('platform not started');
      return platform;
    },
    get browser() {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
    async call(method, path, options = {}) {
      const response = await fetch(`${suite.platform.baseUrl}${path}`, {
        method,
        headers: {
          'accept-language': 'zh-CN',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
      const response = await fetch(`${suite.platform.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async login(phone, surface = 'admin') {
      const { status, body } = await suite.call('POST', `/${surface}/auth/login`, { body: { phone, password: 'demo1234' } });
      if (status !== 200) throw new Error(`login ${phone} failed: ${status}`);
      return body.token as string;
    },
    async consolePage(phone) {
      const page = await newConsolePage(suite.browser);
      await loginConsole(page, suite.platform.baseUrl, phone);
      return page;
    },
    shopUrl: (path) => `${suite.platform.baseUrl}/h5/#${path}`,
  };
  beforeAll(async () => {
    if (!canRun) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    platform = await startPlatformProcess();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    await setUp?.(suite);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  return suite;
}

/**
 * A full-page screenshot into artifacts/screenshots. `settleMs` waits out open/close and slide-in
 * animations first, so the picture shows the settled screen.
 */
export async function shot(page: Page, name: string, settleMs = 0): Promise<void> {
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** A `shot` that always waits `settleMs` first (antd's animations take about 0.3 s, a Taro slide-in a little more). */
export const settledShot = (settleMs: number) => (page: Page, name: string) => shot(page, name, settleMs);

/**
 * Closes the console's open drawer. A success toast (antd message, top centre) can sit over the
 * drawer's close button, and a pointer hovering the toast pauses its timer, so a real click may wait
 * forever; the click event goes to the button itself instead, and the drawer is waited out.
 */
export async function closeDrawer(page: Page): Promise<void> {
  const open = page.locator('.ant-drawer-open');
  const before = await open.count();
  if (before === 0) throw new Error('closeDrawer: no drawer is open');
  await open.last().locator('.ant-drawer-close').dispatchEvent('click');
  await page.waitForFunction(`document.querySelectorAll('.ant-drawer-open').length < ${before}`);
}

/** Taro h5 keeps earlier pages in the DOM, hidden: look only inside the page on screen. */
export const allOnScreen = (page: Page, selector: string) => page.locator(`.taro_page:not([style*="display: none"]) ${selector}`);
export const onScreen = (page: Page, selector: string) => allOnScreen(page, selector).first();

/**
 * Opens a shop page in a fresh document. A hash-only `goto` inside the running h5 app races the Taro
 * router's own navigation (a busy machine saw the page mounted twice and the button detached), so
 * every jump a test makes itself starts from a blank page.
 */
export async function openShopPage(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

/** A phone-sized shop page; `options` overrides the defaults (an English locale, say). */
export function newShopPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return browser.newPage({ ...SHOP_PAGE, ...options });
}

/** A desktop console page on which any uncaught page error fails the test. */
export async function newConsolePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage({ ...CONSOLE_PAGE, ...options });
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Signs into the console with a demo account and waits for the side menu. */
export async function loginConsole(page: Page, baseUrl: string, phone: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

/** Signs into the h5 shop from `loginUrl` (the login page, perhaps carrying an invite) and waits for 我的. */
export async function loginShop(page: Page, loginUrl: string, phone: string): Promise<void> {
  await page.goto(loginUrl);
  await page.locator('#login-phone input').fill(phone);
  await page.locator('#login-password input').fill('demo1234');
  await page.locator('#login-submit').click();
  await page.waitForURL(/pages\/me\/index/);
  await onScreen(page, '#me-phone').waitFor();
}
