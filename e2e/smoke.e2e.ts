import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startKefu, type KefuInstance } from './harness.js';

describe('smoke: server + login page in Chromium', () => {
  let kefu: KefuInstance | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('GET /api/health answers 200 with {status:"ok"}', async () => {
    const res = await fetch(`${kefu!.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the Chinese login page', async () => {
    const page = await newPage(browser!, { locale: 'zh-CN' });
    try {
      const res = await page.goto(`${kefu!.baseUrl}/login`);
      expect(res?.status()).toBe(200);
      const username = page.locator('[data-testid="login-username"]');
      await username.waitFor({ state: 'visible' });
      expect(await username.count()).toBe(1);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe('zh-CN');
      const file = await screenshot(page, 'smoke-login');
      expect(file).toMatch(/smoke-login\.png$/);
    } finally {
      await page.context().close();
    }
  });
});
