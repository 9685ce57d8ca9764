// The agent's workspace during a call: look the caller up by number, see the customer panel,
// log a follow-up work order with the five facts of seed 002, and find it under 我负责的.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance, pickOption } from './harness.js';

interface Session {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** A bearer-token API session, to find test data the way an integration would. */
async function apiSession(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body ?? {}) };
}

interface CustomerRow {
  id: number;
  name: string;
  phones: { id: number; number: string }[];
}

/** A seeded customer and one full phone number (revealed by an admin, as agents only see 138****1234). */
async function findSeededCaller(admin: Session): Promise<{ id: number; name: string; phone: string }> {
  const page = await admin.get<{ items: CustomerRow[] }>('/customers?kind=person&pageSize=50');
  const customer = page.items.find((c) => c.phones.length > 0);
  if (!customer) throw new Error('no seeded customer with a phone number');
  const pii = await admin.post<{ phones: { number: string }[] }>(`/customers/${customer.id}/reveal`);
  const phone = pii.phones[0]?.number;
  if (!phone) throw new Error('reveal returned no phone');
  return { id: customer.id, name: customer.name, phone };
}

const formError = (page: Page, text: string) => page.locator('.ant-form-item-explain-error', { hasText: text });

/** A full-page screenshot from the top (a scrolled page would show the sticky header mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await screenshot(page, name);
}

describe('workspace: the agent logs a call', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let caller: { id: number; name: string; phone: string };

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    caller = await findSeededCaller(await apiSession(kefu.baseUrl, 'admin', ADMIN_PASSWORD));
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('looks up the caller, rejects a follow-up without the five facts, then files it under 我负责的', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.waitForURL('**/workspace');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

      // The number field has the focus: the agent types the caller's number and presses Enter.
      const phone = page.locator('[data-testid="ws-phone"]');
      await expect.poll(() => phone.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(caller.phone);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-testid="customer-panel-name"]').textContent()).toBe(caller.name);
      await expect.poll(() => page.locator('[data-testid="ws-contact-name"]').inputValue()).toBe(caller.name);
      // Agents see masked numbers only.
      expect(await page.locator('[data-testid="customer-panel"] [data-testid="customer-phone"]').first().textContent()).toContain('****');

      await page.locator('[data-testid="ws-type"]').getByText('报修', { exact: true }).click();
      const subject = `电梯停在三楼不动 ${Date.now()}`;
      await page.locator('[data-testid="ws-subject"]').fill(subject);
      await page.locator('[data-testid="ws-mode-followup"]').click();
      await page.locator('[data-testid="ws-followup-fields"]').waitFor();
      // Switching to follow-up pre-fills time, person (the caller) and the call-back number.
      await expect.poll(() => page.locator('[data-testid="ws-event-person"]').inputValue()).toBe(caller.name);
      await expect.poll(() => page.locator('[data-testid="ws-contact-phone"]').inputValue()).toBe(caller.phone);

      // Place and event (the description) are still missing: the form refuses, in Chinese.
      await page.locator('[data-testid="ws-submit"]').click();
      await formError(page, '请输入地点').waitFor();
      await formError(page, '请输入事件').waitFor();
      await page.getByText('请补全标红的必填项').first().waitFor();
      await shot(page, 'workspace-zh-CN-missing-fields');

      await page.locator('[data-testid="ws-event-place"]').fill('幸福小区 3 号楼 2 单元');
      await page.locator('[data-testid="ws-description"]').fill('电梯停在三楼，门打不开，无人被困。客户要求尽快派人维修。');
      // Ctrl+Enter submits from anywhere in the form.
      await page.locator('[data-testid="ws-description"]').press('Control+Enter');

      const created = page.locator('[data-testid="ws-last-created"]');
      await created.waitFor();
      const number = (await created.locator('.kefu-ticket-number').textContent())?.trim() ?? '';
      expect(number).toMatch(/^GD\d+/);
      await page.getByText(`工单 ${number} 已提交`).first().waitFor();

      // The form is reset for the next call, with the focus back on the number.
      expect(await page.locator('[data-testid="ws-subject"]').inputValue()).toBe('');
      await expect.poll(() => phone.evaluate((el) => el === document.activeElement)).toBe(true);

      // 我负责的: the agent took the first contact, so they own it.
      await page.locator('[data-testid="queue-tab-responsible"]').click();
      await page.locator('[data-testid="queue-responsible"]').getByText(number).waitFor();
      await shot(page, 'workspace-zh-CN-after-submit');

      // The work order carries the five facts.
      await page.locator('[data-testid="queue-responsible"]').getByText(number).click();
      await page.waitForURL('**/tickets/*');
      await page.locator('[data-testid="ticket-title"]').getByText(subject).waitFor();
      await page.getByText('幸福小区 3 号楼 2 单元').waitFor();
      expect(await page.locator('[data-testid="responsible"]').textContent()).toContain('张晓东');
      await shot(page, 'ticket-detail-zh-CN-new-follow-up');
    } finally {
      await page.context().close();
    }
  });

  it('answers on the spot and resolves at once; an unknown caller can become a customer', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.waitForURL('**/workspace');
      const unknown = `1390000${String(Date.now()).slice(-4)}`;
      await page.locator('[data-testid="ws-phone"]').fill(unknown);
      await page.locator('[data-testid="ws-phone"]').press('Enter');
      await page.getByText('未找到该号码的客户档案').waitFor();
      await page.locator('[data-testid="ws-contact-name"]').fill('新客户李先生');
      await page.locator('[data-testid="ws-subject"]').fill('咨询营业网点时间');
      await page.locator('[data-testid="ws-answer"]').fill('已告知客户营业时间为每日 9:00–18:00。');
      await page.locator('[data-testid="ws-submit"]').click();
      const created = page.locator('[data-testid="ws-last-created"]');
      await created.waitFor();
      const number = (await created.locator('.kefu-ticket-number').textContent())?.trim() ?? '';

      await created.locator('.kefu-ticket-number').click();
      await page.waitForURL('**/tickets/*');
      await page.locator('[data-testid="ticket-title"]').waitFor();
      expect(await page.locator('.kefu-page-header').textContent()).toContain('已解决');
      expect(await page.locator('[data-testid="customer-panel-name"]').textContent()).toBe('新客户李先生');
      expect(number).toMatch(/^GD\d+/);
    } finally {
      await page.context().close();
    }
  });

  it('creates an organization customer with two numbers, shown masked to the agent', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('客户', { exact: true }).click();
      await page.locator('[data-testid="side-menu"]').getByText('客户列表', { exact: true }).click();
      await page.waitForURL('**/customers');
      await page.locator('[data-testid="customer-create"]').click();
      await page.locator('.ant-modal').getByText('单位', { exact: true }).click();
      const name = `幸福里物业服务中心${String(Date.now()).slice(-4)}`;
      await page.locator('[data-testid="customer-name"]').fill(name);
      await page.locator('[data-testid="customer-phone-0"]').fill('02088886666');
      await page.locator('.ant-modal').getByText('添加号码').click();
      await page.locator('[data-testid="customer-phone-1"]').fill('13912345678');
      await page.locator('.ant-modal .ant-btn-primary').click();
      await page.waitForURL(/\/customers\/\d+$/);
      await page.locator('.kefu-page-header').getByText(name).waitFor();
      const phones = page.locator('[data-testid="customer-phone"]');
      await expect.poll(() => phones.count()).toBe(2);
      expect(await phones.allTextContents()).toEqual([expect.stringContaining('****'), expect.stringContaining('****')]);
      // Agents may not reveal personal data: no "显示完整号码".
      expect(await page.locator('[data-testid="reveal-pii"]').count()).toBe(0);
      await shot(page, 'customer-detail-zh-CN-new-organization');
    } finally {
      await page.context().close();
    }
  });

  it('transfers to a department, records its answer, and the owner calls the customer back', async () => {
    const agent = await apiSession(kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    const ticket = await agent.post<{ id: number; number: string }>('/tickets', {
      type: 'repair',
      subject: '楼道灯不亮',
      description: '3 号楼 2 单元楼道灯坏了一周，晚上看不见路。',
      answeredOnSpot: false,
      eventTime: new Date().toISOString(),
      eventPlace: '幸福小区 3 号楼 2 单元',
      eventPerson: '王女士',
      contactName: '王女士',
      contactPhone: '13800001111',
    });
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/tickets/${ticket.id}`);
      const header = page.locator('.kefu-page-header');
      await page.locator('[data-testid="action-accept"]').click();
      await header.getByText('处理中').waitFor();

      await page.locator('[data-testid="action-transfer"]').click();
      await pickOption(page, 'transfer-department', '工程维修部');
      await page.locator('[data-testid="transfer-request"]').fill('请派电工更换楼道灯，并告知预计完成时间。');
      await page.locator('.ant-modal .ant-btn-primary').click();
      await header.getByText('等待部门').waitFor();

      await page.locator('.ant-tabs-tab', { hasText: '转办' }).click();
      await page.locator('[data-testid="transfer-answer"]').fill('已安排电工明天上午更换。');
      await page.locator('[data-testid="transfer-answer-submit"]').click();
      const banner = page.locator('[data-testid="callback-banner"]');
      await banner.getByText('部门已答复，请回电客户').waitFor();
      await banner.getByText('已安排电工明天上午更换。').waitFor();
      // The number is masked until the agent who must call back asks for it (and that is audit-logged).
      await banner.locator('[data-testid="contact-phone"]').getByText('138****1111').waitFor();
      await banner.locator('[data-testid="reveal-contact"]').click();
      await banner.locator('[data-testid="contact-phone-full"]').getByText('13800001111').waitFor();
      await shot(page, 'ticket-detail-zh-CN-callback-pending');

      await banner.getByText('客户接受').click();
      await page.locator('[data-testid="callback-submit"]').click();
      await banner.waitFor({ state: 'detached' });

      await page.locator('.ant-tabs-tab', { hasText: '历史' }).click();
      const history = page.locator('[data-testid="history-event"]');
      await history.filter({ hasText: '将工单转办至 工程维修部' }).waitFor();
      await history.filter({ hasText: '完成回电：客户接受' }).waitFor();
      await history.filter({ hasText: '查看了完整联系电话' }).waitFor();
      await shot(page, 'ticket-detail-zh-CN-history');
    } finally {
      await page.context().close();
    }
  });
});
