// Scheduling in the browser: a forecast (simulated history) and a generated draft through the API, then the
// leader reads the forecast and coverage charts, changes one cell of the grid, publishes; the agent reads
// "my schedule".
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance, apiCall } from './harness.js';

describe('schedules: forecast, grid edit, publish, my schedule', () => {
  let kefu: KefuInstance;
  let browser: Browser;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('works end to end', async () => {
    const forecast = await apiCall<{ id: number }>(kefu.baseUrl, 'leader', 'POST', '/schedules/forecasts', { source: 'simulated', horizonWeeks: 2, historyWeeks: 8, backtestWeeks: 2 });
    const draft = await apiCall<{ id: number; start: string; assignments: Array<{ userId: number; date: string; shiftCode: string }>; agents: Array<{ userId: number; name: string }> }>(
      kefu.baseUrl, 'leader', 'POST', '/schedules/drafts', { forecastId: forecast.id, requirement: { aht: 20, targetSl: 0.8, targetT: 20, shrinkage: 0.3 }, timeLimitSeconds: 20 },
    );
    expect(draft.assignments.length).toBeGreaterThan(0);

    const page = await newPage(browser, { locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/schedules/forecast`);
    try {
      await page.locator('[data-testid="forecast-chart"] canvas').first().waitFor();
    } catch (error) {
      await screenshot(page, 'schedules-failure');
      throw new Error(`${String(error)}\npage errors: ${errors.join('\n')}`);
    }
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'schedules-forecast');

    await page.goto(`${kefu.baseUrl}/schedules/coverage`);
    await page.locator('[data-testid="coverage-chart"] canvas').first().waitFor();
    await screenshot(page, 'schedules-coverage');

    await page.goto(`${kefu.baseUrl}/schedules`);
    const first = draft.assignments[0]!;
    const cell = page.locator(`[data-testid="cell-${first.userId}-${first.date}"]`);
    await cell.waitFor();
    await expect.poll(() => cell.textContent()).toBe(first.shiftCode);
    await screenshot(page, 'schedules-grid');
    await cell.click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '休' }).click();
    await expect.poll(() => cell.textContent()).not.toBe(first.shiftCode);
    await page.locator('[data-testid="publish"]').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.locator('.ant-tag', { hasText: '已发布' }).first().waitFor();
    await screenshot(page, 'schedules-published');
    await page.close();

    const agentPage = await newPage(browser, { locale: 'zh-CN' });
    await login(agentPage, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    await agentPage.goto(`${kefu.baseUrl}/schedules/mine`);
    await agentPage.locator('.ant-table').first().waitFor();
    const mine = await apiCall<{ items: unknown[] }>(kefu.baseUrl, 'agent', 'GET', '/schedules/mine');
    await expect.poll(() => agentPage.locator('.ant-table-tbody .ant-table-row').count()).toBe(Math.min(mine.items.length, 31));
    await screenshot(agentPage, 'schedules-mine');
    await agentPage.close();
  });
});
