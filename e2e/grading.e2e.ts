// Customer follow-up (seed 003) on the demo data: an agent works his due list and records a follow-up with the four
// axes in the drawer; the leader reads the grade overview (pie and bars) and the big-customer list.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance } from './harness.js';

async function apiAs(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: ADMIN_PASSWORD }) });
  const { token } = (await res.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}


interface DueItem { customerId: number; customerName: string; grade: string; overdueDays: number; nextFollowUpOn: string }

describe('customer follow-up', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let due: { today: string; items: DueItem[] };

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    // The demo seed grades its 200 customers with follow-ups by the agents (grading.demo.ts).
    due = await (await apiAs(kefu.baseUrl, 'agent'))<{ today: string; items: DueItem[] }>('GET', '/grading/due?scope=due');
    await (await apiAs(kefu.baseUrl, 'leader'))('POST', '/grading/vip/recompute');
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('the agent sees due and overdue customers and records a follow-up that re-grades and reschedules', async () => {
    expect(due.items.length).toBeGreaterThan(0);
    const target = due.items[0]!;
    const overdue = due.items.find((i) => i.overdueDays > 0);
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('客户跟进').click();
      await page.locator('[data-testid="side-menu"]').getByText('我的跟进').click();
      await page.waitForURL('**/follow-ups');
      const row = page.locator('.ant-table-row', { hasText: target.customerName }).first();
      await row.waitFor();
      if (overdue) expect(await page.locator('.ant-table-row', { hasText: overdue.customerName }).first().textContent()).toContain(`逾期${overdue.overdueDays}天`);
      await screenshot(page, 'follow-ups-zh-CN-due');

      await page.locator(`[data-testid="record-${target.customerId}"]`).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText(`记录跟进：${target.customerName}`).waitFor();
      await drawer.locator('textarea').fill('客户确认本月签约，准备合同');
      for (const option of ['正在谈判', '重要客户', '紧急（一周内）', '目标客户（现在就有需求）']) await drawer.getByText(option, { exact: true }).click();
      await screenshot(page, 'follow-ups-zh-CN-drawer');
      await page.locator('[data-testid="follow-up-save"]').click();
      await page.getByText(/已记录跟进：A级/).first().waitFor();
      // A is followed up daily: the customer leaves today's list.
      await expect.poll(async () => page.locator(`[data-testid="record-${target.customerId}"]`).count()).toBe(0);
      const grading = await (await apiAs(kefu.baseUrl, 'agent'))<{ grade: string; nextFollowUpOn: string; followUps: Array<{ summary: string }> }>('GET', `/grading/customers/${target.customerId}`);
      expect(grading.grade).toBe('A');
      expect(grading.nextFollowUpOn > due.today).toBe(true);
      expect(grading.followUps[0]!.summary).toBe('客户确认本月签约，准备合同');
    } finally {
      await page.context().close();
    }
  });

  it('the leader reads the overview charts and the big customers', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/follow-ups/overview`);
      await page.locator('[data-testid="grade-pie"] canvas').waitFor();
      await page.getByText('张晓东').first().waitFor();
      await page.waitForTimeout(800); // the chart's entry animation
      await screenshot(page, 'follow-ups-zh-CN-overview');
      await page.goto(`${kefu.baseUrl}/follow-ups/vip`);
      await page.locator('.ant-table-row').first().waitFor();
      const leader = await apiAs(kefu.baseUrl, 'leader');
      const vip = (await leader<{ items: Array<{ customerName: string }> }>('GET', '/grading/vip')).items;
      const graded = (await leader<{ totals: { total: number } }>('GET', '/grading/overview')).totals.total;
      expect(graded).toBeGreaterThanOrEqual(200);
      expect(vip).toHaveLength(Math.ceil(graded * 0.2)); // the top 20 %
      expect(await page.locator('.ant-table-row').first().textContent()).toContain(vip[0]!.customerName);
      await screenshot(page, 'follow-ups-zh-CN-vip');
    } finally {
      await page.context().close();
    }
  });
});
