// Callbacks (回访): a manager builds a campaign from filters and deals it to an agent, the agent records a
// result beside the script, a customer answers a one-time survey link without signing in, and the
// monthly statistics show it all.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startKefu, type KefuInstance, apiCall, shot, pickOption } from './harness.js';

describe('callbacks: campaign, call list, one-time survey link, statistics', () => {
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

  it('a manager creates a campaign from filters, previews it and deals the list to an agent', async () => {
    const page = await newPage(browser);
    try {
      await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/callbacks/campaigns`);
      await page.locator('[data-testid="campaign-create"]').click();
      await page.locator('[data-testid="campaign-name"]').fill('A 类客户满意度回访');
      await page.locator('[data-testid="campaign-script"]').fill('您好，我是示例客服中心的回访专员。耽误您一分钟，了解一下您对我们服务的评价。');
      await pickOption(page, 'target-grades', 'A');
      await page.locator('[data-testid="campaign-preview"]').click();
      const preview = page.locator('[data-testid="campaign-preview-result"]');
      await expect.poll(async () => Number(/(\d+)/.exec((await preview.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(0);
      await shot(page, 'callbacks-campaign-form');
      await page.locator('[data-testid="campaign-save"]').click();
      await page.getByText('回访任务已创建').waitFor();

      const row = page.locator('.ant-table-row', { hasText: 'A 类客户满意度回访' });
      await row.getByText('生成名单并分配').click();
      await pickOption(page, 'generate-agents', '张晓东');
      await page.locator('[data-testid="generate-submit"]').click();
      await page.getByText(/已生成 \d+ 条回访名单/).waitFor();
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('进行中');
      await shot(page, 'callbacks-campaigns');
    } finally {
      await page.context().close();
    }
  });

  it('the agent sees the script beside the customer and records a satisfied result', async () => {
    const page = await newPage(browser);
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/callbacks`);
      await page.locator('[data-testid="callback-script"]', { hasText: '回访专员' }).waitFor();
      const before = await page.locator('[data-testid^="callback-item-"]').count();
      expect(before).toBeGreaterThan(0);
      await page.locator('label.ant-radio-button-wrapper', { hasText: /^满意$/ }).click();
      await shot(page, 'callbacks-agent-work');
      await page.getByRole('button', { name: '完成回访' }).click();
      await page.getByText('回访结果已登记').waitFor();
      await expect.poll(() => page.locator('[data-testid^="callback-item-"]').count()).toBe(before - 1);
    } finally {
      await page.context().close();
    }
  });

  it('a customer answers a one-time survey link without signing in, once', async () => {
    const tickets = await apiCall<{ items: Array<{ id: number }> }>(kefu.baseUrl, 'agent', 'GET', '/tickets?status=resolved&pageSize=1');
    const survey = await apiCall<{ path: string }>(kefu.baseUrl, 'agent', 'POST', '/surveys', { ticketId: tickets.items[0]!.id, channel: 'link' });
    const page = await newPage(browser);
    try {
      await page.goto(`${kefu.baseUrl}${survey.path}`);
      await page.locator('[data-testid="public-survey-form"]').waitFor();
      expect(page.url()).toContain('/s/');
      await page.locator('label.ant-radio-button-wrapper', { hasText: '非常满意' }).click();
      await page.locator('.ant-rate-star').nth(4).click();
      await page.locator('#answers_comment').fill('处理及时，态度很好');
      await shot(page, 'callbacks-public-survey');
      await page.locator('[data-testid="survey-submit"]').click();
      await page.locator('[data-testid="survey-thanks"]').waitFor();
      await shot(page, 'callbacks-public-survey-thanks');
      await page.reload();
      await page.locator('[data-testid="survey-unavailable"]', { hasText: '已经提交过' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('the monthly statistics show the result, the survey and a chart', async () => {
    const page = await newPage(browser);
    try {
      await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/callbacks/stats`);
      await page.locator('[data-testid="stats-agents"] .ant-table-row', { hasText: '张晓东' }).waitFor();
      await page.locator('[data-testid="callback-agent-chart"] canvas').waitFor();
      await expect.poll(async () => (await page.locator('[data-testid="stats-campaigns"]').textContent()) ?? '').toContain('A 类客户满意度回访');
      await shot(page, 'callbacks-stats');
      await page.goto(`${kefu.baseUrl}/callbacks/surveys`);
      // The demo's own surveys are in the list too.
      await page.locator('.ant-table-row', { hasText: '非常满意' }).first().waitFor();
      await shot(page, 'callbacks-surveys');
    } finally {
      await page.context().close();
    }
  });
});
