// The administrator: create a user and a team, switch the UI to English and back (the choice is
// stored in the browser and in the profile), and a screenshot of every screen in both languages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance, pickOption } from './harness.js';

async function apiGet<T>(baseUrl: string, username: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: ADMIN_PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  const r = await fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${path} → ${r.status}`);
  return (await r.json()) as T;
}

/** Waits until the page has settled (no spinners or skeletons), then takes a full-page shot from the top. */
async function settledShot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 15_000 }).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

async function switchLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('[data-testid="language-switch"]').first().click();
  await page.locator(`[data-testid="language-${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

describe('admin: users, teams and the two languages', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  const stamp = String(Date.now()).slice(-6);

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('creates a user and a team', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('管理').click();
      await page.locator('[data-testid="side-menu"]').getByText('班组', { exact: true }).click();
      await page.waitForURL('**/admin/teams');

      const teamName = `夜班${stamp}组`;
      await page.locator('[data-testid="team-create"]').click();
      await page.locator('[data-testid="team-name"]').fill(teamName);
      await pickOption(page, 'team-leader', '李海燕');
      await page.locator('[data-testid="team-form-save"]').click();
      await page.locator('[data-testid="team-table"]').getByText(teamName).waitFor();

      await page.locator('[data-testid="side-menu"]').getByText('用户', { exact: true }).click();
      await page.waitForURL('**/admin/users');
      const username = `agent${stamp}`;
      await page.locator('[data-testid="user-create"]').click();
      // The shared zod schema checks the username before the server does.
      await page.locator('[data-testid="user-username"]').fill('坏 名字');
      await page.locator('[data-testid="user-form-save"]').click();
      await page.locator('.ant-form-item-explain-error', { hasText: '格式不正确' }).waitFor();
      await page.locator('[data-testid="user-username"]').fill(username);
      await page.locator('[data-testid="user-display-name"]').fill('韩梅梅');
      await page.locator('[data-testid="user-password"]').fill('Welcome-2026');
      await page.locator('[data-testid="user-employee-no"]').fill(`KF9${stamp.slice(-3)}`);
      await pickOption(page, 'user-role', '客服代表');
      await pickOption(page, 'user-team', teamName);
      await settledShot(page, 'admin-zh-CN-user-form');
      await page.locator('[data-testid="user-form-save"]').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.locator('[data-testid="user-search"] input').fill(username);
      await page.locator('[data-testid="user-table"]').getByText(username).waitFor();

      const users = await apiGet<{ items: { username: string; teamId: number | null; role: { key: string } }[] }>(kefu.baseUrl, 'admin', '/users?pageSize=200');
      const created = users.items.find((u) => u.username === username);
      expect(created?.role.key).toBe('agent');
      expect(created?.teamId).not.toBeNull();

      // The new agent can sign in and lands on the workspace.
      const agentPage = await newPage(browser, { locale: 'zh-CN' });
      try {
        await login(agentPage, kefu.baseUrl, username, 'Welcome-2026');
        await agentPage.waitForURL('**/workspace');
        await agentPage.getByText('韩梅梅').first().waitFor();
      } finally {
        await agentPage.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  it('defines a work-order type with a process step; new orders of that type carry the step and its checklist', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/admin/ticket-types`);
      await page.locator('[data-testid="ticket-type-create"]').click();
      const form = page.locator('[data-testid="ticket-type-form"]');
      await form.getByPlaceholder('refund', { exact: true }).fill(`warranty_${stamp}`);
      await form.getByPlaceholder('退费', { exact: true }).fill('保修登记');
      await form.getByPlaceholder('Refund', { exact: true }).fill('Warranty');
      await page.locator('[data-testid="add-process-step"]').click();
      const step = page.locator('[data-testid="process-step-editor"]').first();
      await step.getByPlaceholder('步骤标识').fill('check');
      await step.getByPlaceholder('中文名称').fill('核对购买发票');
      await step.getByPlaceholder('英文名称').fill('Check invoice');
      await step.getByPlaceholder('时限').fill('24');
      await step.getByRole('button', { name: /添加清单项/ }).click();
      await step.getByPlaceholder('清单项标识').fill('invoice');
      await step.getByPlaceholder('中文名称').nth(1).fill('收到发票复印件');
      await step.getByPlaceholder('英文名称').nth(1).fill('Invoice copy received');
      await settledShot(page, 'admin-zh-CN-ticket-type-steps');
      await page.locator('[data-testid="ticket-type-form-save"]').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByText('保修登记').first().waitFor();

      const login2 = await fetch(`${kefu.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent', password: ADMIN_PASSWORD }) });
      const { token } = (await login2.json()) as { token: string };
      const created = await fetch(`${kefu.baseUrl}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: `warranty_${stamp}`, subject: '洗衣机保修登记', description: '客户购买三个月，要求登记保修' }),
      });
      const ticket = (await created.json()) as { id: number; process: { steps: { key: string; state: string; checklist: unknown[] }[] } | null };
      expect(ticket.process?.steps).toEqual([expect.objectContaining({ key: 'check', state: 'active', checklist: [expect.objectContaining({ key: 'invoice' })] })]);
      await page.goto(`${kefu.baseUrl}/tickets/${ticket.id}`);
      await page.getByText('核对购买发票').first().waitFor();
      await page.getByText('收到发票复印件').first().waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('switches to English and back; the choice survives a reload and is saved in the profile', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.locator('[data-testid="side-menu"]').getByText('工单', { exact: true }).waitFor();

      await switchLanguage(page, 'en');
      await page.locator('[data-testid="side-menu"]').getByText('Work orders', { exact: true }).waitFor();
      await page.reload();
      await page.locator('[data-testid="side-menu"]').getByText('Work orders', { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(async () => (await apiGet<{ locale: string }>(kefu.baseUrl, 'admin', '/auth/me')).locale).toBe('en');

      // Messages from the server follow the language too (Accept-Language).
      await page.goto(`${kefu.baseUrl}/tickets/999999`);
      await page.getByText('Work order not found or not visible to you').first().waitFor();

      await switchLanguage(page, 'zh-CN');
      await page.locator('[data-testid="side-menu"]').getByText('工单', { exact: true }).waitFor();
      await expect.poll(async () => (await apiGet<{ locale: string }>(kefu.baseUrl, 'admin', '/auth/me')).locale).toBe('zh-CN');
    } finally {
      await page.context().close();
    }
  });

  /** The screens to photograph, found through the API (an open work order, a customer, one with a procedure). */
  async function screenPaths(): Promise<[string, string][]> {
    const tickets = await apiGet<{ items: { id: number }[] }>(kefu.baseUrl, 'admin', '/tickets?status=open&pageSize=1');
    const customers = await apiGet<{ items: { id: number }[] }>(kefu.baseUrl, 'admin', '/customers?pageSize=1');
    // A work order whose type carries a procedure (process template), to see its steps.
    const types = await apiGet<{ items: { key: string; steps?: unknown[] }[] }>(kefu.baseUrl, 'admin', '/ticket-types');
    const withSteps = types.items.find((type) => (type.steps ?? []).length > 0);
    const procedural = withSteps
      ? await apiGet<{ items: { id: number }[] }>(kefu.baseUrl, 'admin', `/tickets?type=${withSteps.key}&status=open&pageSize=1`)
      : { items: [] };
    return [
      ['workspace', '/workspace'],
      ['tickets', '/tickets'],
      ['ticket-detail', `/tickets/${tickets.items[0]?.id}`],
      ...(procedural.items[0] ? ([['ticket-procedure', `/tickets/${procedural.items[0].id}`]] as [string, string][]) : []),
      ['backlog', '/backlog'],
      ['customers', '/customers'],
      ['customer-detail', `/customers/${customers.items[0]?.id}`],
      ['users', '/admin/users'],
      ['roles', '/admin/roles'],
      ['teams', '/admin/teams'],
      ['skill-groups', '/admin/skill-groups'],
      ['departments', '/admin/departments'],
      ['ticket-types', '/admin/ticket-types'],
      ['macros', '/admin/macros'],
      ['audit', '/audit'],
      ['tokens', '/account/tokens'],
    ];
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`takes a screenshot of every screen in ${locale}`, async () => {
      const paths = await screenPaths();
      const page = await newPage(browser, { locale });
      try {
        await page.addInitScript((l) => window.localStorage.setItem('kefu.locale', l), locale);
        await page.goto(`${kefu.baseUrl}/login`);
        await settledShot(page, `login-${locale}`);
        await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
        for (const [name, path] of paths) {
          await page.goto(`${kefu.baseUrl}${path}`);
          await page.locator('.kefu-page-header').first().waitFor();
          await settledShot(page, `${name}-${locale}`);
        }
        // Two dialogs worth a look: the permission checklist and the custom-field editor.
        await page.goto(`${kefu.baseUrl}/admin/roles`);
        await page.locator('.ant-table-row').nth(4).getByRole('button').first().click();
        await page.locator('.ant-modal .ant-checkbox-group').waitFor();
        await settledShot(page, `role-form-${locale}`);
        await page.goto(`${kefu.baseUrl}/admin/ticket-types`);
        await page.locator('.ant-table-row').last().getByRole('button').first().click();
        await page.locator('.ant-modal').waitFor();
        await settledShot(page, `ticket-type-form-${locale}`);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      } finally {
        await page.context().close();
      }
    }, 180_000);
  }
});
