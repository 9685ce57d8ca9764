// The 话务统计 page (issue 4): the leader reads this month's hotline figures over the demo's calls, per day with the
// chart, per queue with the queue filter's options from GET /calls/queues, downloads the table as Excel; an agent
// sees the figures of their own calls only.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStats } from '@kefu/shared';
import { ADMIN_PASSWORD, apiCall, launchBrowser, login, newPage, shot, startKefu, type KefuInstance, pickOption } from './harness.js';

/** This month in Shanghai as the page's default period asks it. */
function thisMonth(): { from: string; to: string } {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const next = new Date(`${day}T00:00:00+08:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: new Date(`${day.slice(0, 8)}01T00:00:00+08:00`).toISOString(), to: next.toISOString() };
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

describe('call statistics page', () => {
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

  it('shows the leader this month per day, per queue, and exports the table', async () => {
    const { from, to } = thisMonth();
    const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const byDay = await apiCall<CallStats>(kefu.baseUrl, 'leader', 'GET', `/calls/stats?${period}&groupBy=day`);
    expect(byDay.totals.offered).toBeGreaterThan(0);
    const queues = await apiCall<{ items: string[] }>(kefu.baseUrl, 'leader', 'GET', '/calls/queues');
    expect(queues.items.length).toBeGreaterThan(0);

    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '话务统计' }).click();
    await page.waitForURL(/\/call-stats/);
    // This month is the default period, per day.
    expect(await page.locator('[data-testid="preset-thisMonth"]').getAttribute('class')).toContain('ant-btn-primary');
    const kpi = (k: string) => page.locator(`[data-testid="kpi-${k}"] .ant-statistic-content`);
    await expect.poll(() => kpi('offered').innerText(), { timeout: 30_000 }).toBe(count(byDay.totals.offered));
    expect(await kpi('answered').innerText()).toBe(count(byDay.totals.answered));
    expect(await kpi('serviceLevel').innerText()).toBe(percent(byDay.totals.serviceLevel));
    expect(await kpi('connectRate').innerText()).toBe(percent(byDay.totals.connectRate));
    expect(await kpi('asa').innerText()).toMatch(/^\d{2}:\d{2}$/);
    const below = (byDay.totals.serviceLevel ?? 1) < 0.9;
    expect(await page.locator('[data-testid="kpi-serviceLevel"]').getAttribute('data-below-target')).toBe(below ? 'true' : null);
    expect(await page.locator('[data-testid="kpi-serviceLevel"]').innerText()).toContain('目标 90% / 15 秒');
    await page.locator('[data-testid="stats-chart"] canvas').waitFor();
    const table = page.locator('[data-testid="stats-table"]');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(byDay.groups.length);
    expect(await table.locator('.ant-table-summary').innerText()).toContain(count(byDay.totals.offered));
    // A metric's definition on hover.
    await page.locator('[data-testid="kpi-serviceLevel"] [data-testid="metric-title-serviceLevel"]').hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('放弃的电话仍计入分母');
    await shot(page, 'call-stats-month');

    // Sort by offered, descending: the busiest day first.
    const offeredHeader = table.locator('thead th', { hasText: '呼入量' });
    await offeredHeader.click();
    await offeredHeader.click();
    const busiest = [...byDay.groups].sort((a, b) => b.offered - a.offered)[0]!;
    await expect.poll(() => table.locator('tbody tr.ant-table-row').first().locator('td').first().innerText()).toBe(busiest.label);

    // Per queue; the queue filter offers the recent queues.
    await pickOption(page, 'stats-group', '按队列');
    const byQueue = await apiCall<CallStats>(kefu.baseUrl, 'leader', 'GET', `/calls/stats?${period}&groupBy=queue`);
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(byQueue.groups.length);
    expect(await table.locator('thead').innerText()).toContain('队列');
    expect(await page.locator('[data-testid="stats-chart"]').count()).toBe(0);
    await page.locator('[data-testid="stats-queue"]').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts()).toEqual(queues.items);
    await shot(page, 'call-stats-queue-options');
    const queue = queues.items[0]!;
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: queue }).first().click();
    const oneQueue = byQueue.groups.find((g) => g.key === queue)!;
    await expect.poll(() => kpi('offered').innerText(), { timeout: 30_000 }).toBe(count(oneQueue.offered));
    expect(await kpi('occupancy').innerText()).toBe('—'); // agents belong to no queue
    await shot(page, 'call-stats-queue');

    // The Excel download holds the table as shown (one queue, per queue) and the totals.
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="stats-export"]').hover();
    await page.getByRole('menuitem', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^话务统计-.*-queue\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(await (await file.createReadStream()).toArray()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('话务统计')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['队列', '呼入量', '接通量']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual([queue, oneQueue.offered]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 3)).toEqual(['合计', oneQueue.offered]);
    await page.context().close();
  }, 180_000);

  it('shows an agent the figures of their own calls, without agent and team filters', async () => {
    const { from, to } = thisMonth();
    const own = await apiCall<CallStats>(kefu.baseUrl, 'agent', 'GET', `/calls/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/call-stats`);
    await expect.poll(() => page.locator('[data-testid="kpi-answered"] .ant-statistic-content').innerText(), { timeout: 30_000 }).toBe(count(own.totals.answered));
    expect(await page.locator('.kefu-page-header').innerText()).toContain('您本人');
    expect(await page.locator('[data-testid="stats-agent"]').count()).toBe(0);
    expect(await page.locator('[data-testid="stats-team"]').count()).toBe(0);
    // Yesterday: a preset in the center's calendar.
    await page.locator('[data-testid="preset-yesterday"]').click();
    await pickOption(page, 'stats-group', '按小时');
    await expect.poll(() => page.locator('[data-testid="stats-table"] thead').innerText(), { timeout: 30_000 }).toContain('时段');
    await shot(page, 'call-stats-agent-yesterday');
    await page.context().close();
  }, 180_000);
});
