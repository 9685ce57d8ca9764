// The shift leader's day: filter the open work orders, reassign a few in bulk to an agent, and
// read the backlog board (which links back to the filtered list).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance, pickOption } from './harness.js';

interface TicketRow {
  id: number;
  number: string;
  status: string;
  assignee: { id: number; name: string } | null;
}

async function apiCall<T>(baseUrl: string, username: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: ADMIN_PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status}`);
  return (await r.json()) as T;
}

const apiGet = <T>(baseUrl: string, username: string, path: string) => apiCall<T>(baseUrl, username, 'GET', path);

/** Opens an antd Select (by the test id on it) and picks the option with this label. */
/** A full-page screenshot from the top (a scrolled page would show the sticky header mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await screenshot(page, name);
}

describe('leader: bulk reassignment and the backlog board', () => {
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

  it('filters open work orders, selects two and reassigns them to an agent', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/tickets`);
      await page.locator('[data-testid="ticket-table"] .ant-table-row').first().waitFor();

      await pickOption(page, 'filter-status', '未结（全部）');
      await page.waitForURL((url) => url.searchParams.get('status') === 'open');
      // Only open statuses remain in the list.
      await expect
        .poll(async () => (await page.locator('[data-testid="ticket-table"] .ant-table-row').allTextContents()).some((t) => /已解决|已关闭/.test(t)))
        .toBe(false);

      // Pick the first two rows whose assignee is not 张晓东 yet.
      const rows = page.locator('[data-testid="ticket-table"] .ant-table-tbody .ant-table-row');
      const numbers: string[] = [];
      const count = await rows.count();
      for (let i = 0; i < count && numbers.length < 2; i += 1) {
        const row = rows.nth(i);
        if ((await row.textContent())?.includes('张晓东')) continue;
        numbers.push((await row.locator('.kefu-ticket-number').textContent())?.trim() ?? '');
        await row.locator('.ant-checkbox-input').check();
      }
      expect(numbers).toHaveLength(2);
      await page.locator('[data-testid="bulk-selected"]').getByText('已选择 2 张工单').waitFor();
      await shot(page, 'tickets-zh-CN-open-selected');

      await page.locator('[data-testid="bulk-assign"]').click();
      await pickOption(page, 'assign-user', '张晓东', 'KF1006');
      await page.locator('[data-testid="assign-confirm"]').click();
      await page.getByText('已分派 2 张，失败 0 张').first().waitFor();

      // The API agrees: both now sit with the agent (user "agent", 张晓东).
      for (const number of numbers) {
        const found = await apiGet<{ items: TicketRow[] }>(kefu.baseUrl, 'leader', `/tickets?q=${number}`);
        const ticket = found.items.find((t) => t.number === number);
        expect(ticket?.assignee?.name).toBe('张晓东');
      }
      // And the list shows it without a reload.
      for (const number of numbers) {
        await expect.poll(async () => (await page.locator('.ant-table-row', { hasText: number }).textContent()) ?? '').toContain('张晓东');
      }
    } finally {
      await page.context().close();
    }
  });

  it('shows the backlog by age, and a cell opens the matching work orders', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('积压看板').click();
      await page.waitForURL('**/backlog');
      const table = page.locator('[data-testid="backlog-table"]');
      await table.locator('.ant-table-row').first().waitFor();
      expect(await table.locator('.ant-table-row').count()).toBeGreaterThan(1);
      expect(await table.textContent()).toContain('（未分派）');
      await shot(page, 'backlog-zh-CN-assignee');

      await page.locator('[data-testid="backlog-group"]').getByText('类型').click();
      await table.getByText('报修').first().waitFor();
      await shot(page, 'backlog-zh-CN-type');

      await table.locator('[data-testid="backlog-cell"]').first().click();
      await page.waitForURL((url) => url.pathname === '/tickets' && url.searchParams.get('status') === 'open' && url.searchParams.has('type'));
      await page.locator('[data-testid="ticket-table"] .ant-table-row').first().waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('tells the user when someone else saved first, and reloads the work order', async () => {
    const open = await apiGet<{ items: (TicketRow & { version: number; subject: string })[] }>(kefu.baseUrl, 'leader', '/tickets?status=open&pageSize=1');
    const ticket = open.items[0]!;
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/tickets/${ticket.id}`);
      await page.locator('[data-testid="ticket-edit"]').click();
      // Meanwhile a colleague renames it through the API.
      const theirs = `${ticket.subject}（同事已修改）`;
      await apiCall(kefu.baseUrl, 'manager', 'PATCH', `/tickets/${ticket.id}`, { version: ticket.version, subject: theirs });

      await page.locator('[data-testid="ticket-edit-subject"]').fill('我的修改');
      await page.locator('[data-testid="ticket-save"]').click();
      await page.getByText('该记录已被他人修改，请刷新后重试').first().waitFor();
      await page.locator('[data-testid="ticket-title"]').getByText(theirs).waitFor();
      await shot(page, 'ticket-detail-zh-CN-version-conflict');
    } finally {
      await page.context().close();
    }
  });
});
