// The archivist imports a customer list (seed 001: 用户原始数据表): a file with one bad row is previewed with the
// error on its row and the import button disabled; the fixed file imports all rows, which then appear in the list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, shot, startKefu, type KefuInstance } from './harness.js';

const header = '姓名,类型,电话,身份证号,地址,组织,等级,标签,备注';
const rows = (idCard: string) => [
  header,
  '和睦家政服务中心,组织,010-87650000,,北京市朝阳区东三环中路5号,,B,合作单位,',
  `沈佳怡,个人,17700001111；010-87650001,${idCard},北京市朝阳区光华路9号,和睦家政服务中心,A,住家保姆; 老客户,每周回访`,
  '韩立平,个人,17700002222,,北京市海淀区学院路20号,,C,,',
].join('\r\n');

async function pick(page: Page, name: string, text: string) {
  await page.locator('.ant-upload input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\r\n`) });
}

describe('customer import', () => {
  let kefu: KefuInstance;
  let browser: Browser;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('shows a bad row\u2019s error, blocks the import, then imports the fixed file', async () => {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/customers`);
    await page.locator('[data-testid="customer-import"]').click();
    await page.waitForURL((url) => url.pathname === '/customers/import');

    // A wrong check digit on 沈佳怡's ID card (…002X is right).
    await pick(page, '客户名单.csv', rows('110105194912310021'));
    await expect.poll(() => page.locator('[data-testid="import-errors"]').innerText(), { timeout: 30_000 }).toContain('身份证号“110105194912310021”无效');
    expect(await page.locator('[data-testid="import-errors"]').innerText()).toContain('3');
    expect(await page.locator('.kefu-import-row-invalid').count()).toBe(1);
    expect(await page.locator('.kefu-import-row-invalid').innerText()).toContain('沈佳怡');
    expect(await page.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true);
    await shot(page, 'customer-import-errors');

    await pick(page, '客户名单-已改.csv', rows('11010519491231002X'));
    await expect.poll(() => page.locator('[data-testid="import-no-errors"]').count(), { timeout: 30_000 }).toBe(1);
    const confirm = page.locator('[data-testid="import-confirm"]');
    expect(await confirm.isDisabled()).toBe(false);
    expect(await confirm.innerText()).toContain('导入 3 位客户');
    await shot(page, 'customer-import-preview');
    await confirm.click();
    await expect.poll(() => page.locator('[data-testid="import-done"]').innerText(), { timeout: 60_000 }).toContain('已导入 3 位客户');
    await shot(page, 'customer-import-done');

    await page.goto(`${kefu.baseUrl}/customers?q=${encodeURIComponent('沈佳怡')}`);
    await expect.poll(() => page.locator('.ant-table-tbody').innerText(), { timeout: 30_000 }).toContain('沈佳怡');
    const row = await page.locator('.ant-table-tbody').innerText();
    expect(row).toContain('和睦家政服务中心');
    expect(row).toContain('177****1111');
    await page.goto(`${kefu.baseUrl}/customers?q=${encodeURIComponent('韩立平')}`);
    await expect.poll(() => page.locator('.ant-table-tbody').innerText(), { timeout: 30_000 }).toContain('韩立平');
    await page.context().close();
  }, 180_000);
});
