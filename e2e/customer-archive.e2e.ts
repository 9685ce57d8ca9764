// The customer archive on the demo data: one customer's history in one timeline, a contact note recorded in the
// UI, and the archivist merging a duplicate re-entered with the same phone number.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiCall, launchBrowser, login, newPage, shot, startKefu, type KefuInstance } from './harness.js';

interface Group { reason: string; customers: { id: number; name: string; version: number }[] }

describe('customer archive: timeline, contact notes, merging duplicates', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let target: { id: number; name: string };
  let source: { id: number; name: string };

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    const { groups } = await apiCall<{ groups: Group[] }>(kefu.baseUrl, 'archivist', 'GET', '/customers/duplicates');
    // The demo re-entered its first two customers with the same phone; the very first also has contact notes.
    const minId = (g: Group) => Math.min(...g.customers.map((c) => c.id));
    const byPhone = groups.filter((g) => g.reason === 'phone').sort((a, b) => minId(a) - minId(b))[0];
    expect(byPhone, JSON.stringify(groups)).toBeTruthy();
    // The older record is the original; the demo re-entered the newer one.
    const [first, second] = [...byPhone!.customers].sort((a, b) => a.id - b.id);
    target = first!;
    source = second!;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('shows the timeline of a demo customer, filters it, loads more and records a contact note', async () => {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/customers/${target.id}`);
    const timeline = page.locator('[data-testid="customer-timeline"]');
    await expect.poll(() => timeline.locator('[data-testid^="timeline-entry-"]').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    // The demo gave this customer contact notes, work orders and grading follow-ups.
    expect(await timeline.innerText()).toContain('上门拜访');
    const kinds = await timeline.locator('[data-testid^="timeline-entry-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(new Set(kinds).size).toBeGreaterThan(1);
    await page.locator('[data-testid="customer-timeline"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/screenshots/customer-archive-timeline.png', fullPage: true });
    await shot(page, 'customer-archive-page-top');

    // Only contact notes.
    await page.locator('[data-testid="timeline-filter"]').getByText('联系记录').click();
    await expect.poll(async () => new Set(await timeline.locator('[data-testid^="timeline-entry-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))).toEqual(new Set(['timeline-entry-contact']));
    await page.locator('[data-testid="timeline-filter"]').getByText('全部').click();

    // Record a WeChat message.
    await page.locator('[data-testid="contact-add"]').click();
    const form = page.locator('[data-testid="contact-form"]');
    await form.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: '微信' }).click();
    await form.locator('textarea').fill('客户微信确认下周三上午上门做深度保洁，阿姨由王秀英担任。');
    await form.locator('input').last().fill('蒋先生');
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screenshots/customer-archive-contact-form.png' });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => timeline.innerText()).toContain('客户微信确认下周三上午上门做深度保洁');
    expect(await timeline.locator('[data-testid="timeline-entry-contact"]').first().innerText()).toContain('微信');

    // Load more, when the history is longer than one page.
    const more = page.locator('[data-testid="timeline-more"]');
    if (await more.count()) {
      const before = await timeline.locator('[data-testid^="timeline-entry-"]').count();
      await more.click();
      await expect.poll(() => timeline.locator('[data-testid^="timeline-entry-"]').count()).toBeGreaterThan(before);
    }
    await page.context().close();
  }, 120_000);

  it('lets the archivist see the duplicates and merge one into the original, side by side', async () => {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/customers/duplicates`);
    await expect.poll(() => page.locator('[data-testid="duplicate-groups"]').innerText()).toContain('电话相同');
    await shot(page, 'customer-archive-duplicates');

    await page.goto(`${kefu.baseUrl}/customers/${target.id}`);
    await page.locator('[data-testid="merge-open"]').click();
    await page.locator('[data-testid="merge-candidates"]').getByText(`#${source.id}`).click();
    await expect.poll(() => page.locator('[data-testid="merge-compare"]').innerText()).toContain(`#${source.id}`);
    await page.screenshot({ path: 'test-results/screenshots/customer-archive-merge-dialog.png' });
    await page.locator('[data-testid="merge-confirm"]').click();
    await page.waitForTimeout(1500);
    await shot(page, 'customer-archive-merge-clicked');
    await expect.poll(() => page.locator('.ant-modal-content:visible').count()).toBe(0);

    // The source now opens the merged record, and the phone lookup finds only the target.
    await page.goto(`${kefu.baseUrl}/customers/${source.id}`);
    await page.waitForURL(`**/customers/${target.id}`);
    const found = await apiCall<{ items: { id: number }[] }>(kefu.baseUrl, 'archivist', 'GET', `/customers?q=${encodeURIComponent(source.name)}`);
    expect(found.items.map((c) => c.id)).not.toContain(source.id);
    const dup = await apiCall<{ groups: Group[] }>(kefu.baseUrl, 'archivist', 'GET', `/customers/duplicates?customerId=${target.id}`);
    expect(dup.groups.flatMap((g) => g.customers.map((c) => c.id))).not.toContain(source.id);
    await shot(page, 'customer-archive-after-merge');
    await page.context().close();
  }, 120_000);
});
