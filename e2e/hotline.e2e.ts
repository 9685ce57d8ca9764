// The hotline as the people in the center see it: a call rings at an agent and the caller's record pops up;
// the shift leader's wallboard moves while the call waits and is answered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, screenshot, startKefu, type KefuInstance } from './harness.js';

const CTI_TOKEN = 'e2e-cti-token-0123456789';

describe('hotline: screen pop and wallboard', () => {
  let kefu: KefuInstance;
  let browser: Browser;

  beforeAll(async () => {
    kefu = await startKefu({ env: { KEFU_CTI_TOKEN: CTI_TOKEN } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  const cti = async (body: Record<string, string>) => {
    const response = await fetch(`${kefu.baseUrl}/api/v1/cti/${CTI_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
    expect(response.status).toBe(200);
  };

  async function seededCustomerPhone(): Promise<{ name: string; phone: string }> {
    return (await seededCustomerPhones(1))[0]!;
  }

  async function seededCustomerPhones(count: number): Promise<Array<{ name: string; phone: string }>> {
    const found: Array<{ name: string; phone: string }> = [];
    const login = await fetch(`${kefu.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const page = (await (await fetch(`${kefu.baseUrl}/api/v1/customers?kind=person&pageSize=50`, { headers })).json()) as { items: { id: number; name: string }[] };
    // A person with a number no other customer has (the demo also holds duplicates waiting to be merged).
    for (const customer of page.items) {
      const pii = (await (await fetch(`${kefu.baseUrl}/api/v1/customers/${customer.id}/reveal`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' })).json()) as { phones: { number: string }[] };
      const phone = pii.phones[0]?.number;
      if (!phone) continue;
      const owners = (await (await fetch(`${kefu.baseUrl}/api/v1/customers?phone=${encodeURIComponent(phone)}`, { headers })).json()) as { items: unknown[] };
      if (owners.items.length === 1 && !found.some((f) => f.name === customer.name)) found.push({ name: customer.name, phone });
      if (found.length === count) return found;
    }
    throw new Error(`not ${count} demo customers with a number of their own`);
  }

  /** The demo agent's workspace (or another user's home) in Chromium, connected to the live channel (so a ringing call pops up). */
  async function agentListening(username = 'agent'): Promise<Page> {
    const page = await newPage(browser, { locale: 'zh-CN' });
    await login(page, kefu.baseUrl, username, ADMIN_PASSWORD);
    if (username === 'agent') await page.waitForURL('**/workspace');
    await page.locator('[data-testid="live-status"][data-connected="yes"]').waitFor({ state: 'attached' });
    return page;
  }

  it('pops the caller up at the agent within a second and starts a work order for the number', async () => {
    const caller = await seededCustomerPhone();
    const page = await agentListening();
    try {
      const started = Date.now();
      const callId = `pop-${started}`;
      await cti({ event: 'newCall', direction: 'in', from: caller.phone, to: '4008001234', callId, user: 'agent' });
      const pop = page.locator('[data-testid="screen-pop"]');
      try {
        await pop.getByText(caller.name).first().waitFor({ timeout: 5000 });
      } catch (error) {
        await screenshot(page, 'screen-pop-failed');
        throw error;
      }
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(3000);
      await pop.locator('[data-testid="customer-panel-name"]').waitFor();
      await screenshot(page, 'screen-pop-zh-CN');
      await page.locator('[data-testid="screen-pop-new-ticket"]').click();
      await page.waitForURL('**/workspace');
      await expect.poll(() => page.locator('[data-testid="ws-phone"] input, input[data-testid="ws-phone"]').first().inputValue()).toBe(caller.phone);
      await page.getByText(caller.name).first().waitFor();
      await cti({ event: 'hangup', direction: 'in', from: caller.phone, to: '4008001234', callId, cause: 'cancel' });
    } finally {
      await page.context().close();
    }
  });

  it('names the caller from the ringing message while the customer panel is still loading', async () => {
    const caller = await seededCustomerPhone();
    const page = await agentListening();
    try {
      // A busy server: the panel's request takes 2 s.
      await page.route('**/api/v1/customers/*/panel', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await route.continue();
      });
      const callId = `pop-known-${Date.now()}`;
      await cti({ event: 'newCall', direction: 'in', from: caller.phone, to: '4008001234', callId, user: 'agent' });
      const pop = page.locator('[data-testid="screen-pop"]');
      await pop.locator('[data-testid="customer-panel-known-name"]', { hasText: caller.name }).waitFor({ timeout: 1500 });
      expect(await pop.locator('[data-testid="customer-panel-name"]').count()).toBe(0);
      await pop.locator('[data-testid="customer-panel-name"]', { hasText: caller.name }).waitFor({ timeout: 10_000 });
      expect(await pop.locator('[data-testid="customer-panel-known-name"]').count()).toBe(0);
      await cti({ event: 'hangup', direction: 'in', from: caller.phone, to: '4008001234', callId, cause: 'cancel' });
    } finally {
      await page.context().close();
    }
  });

  it('shows the next caller in the reused pop with numbers masked again, not the last caller\u2019s revealed ones', async () => {
    const [first, second] = await seededCustomerPhones(2);
    // The complaint specialist may reveal numbers; agents may not.
    const page = await agentListening('complaints');
    const pop = page.locator('[data-testid="screen-pop"]');
    try {
      const firstCall = `pop-a-${Date.now()}`;
      await cti({ event: 'newCall', direction: 'in', from: first!.phone, to: '4008001234', callId: firstCall, user: 'complaints' });
      await pop.locator('[data-testid="customer-panel-name"]', { hasText: first!.name }).waitFor();
      await pop.locator('[data-testid="reveal-pii"]').click();
      await pop.locator('[data-testid="customer-phone"]', { hasText: first!.phone }).first().waitFor();
      // Unanswered and hung up: the pop closes by itself.
      await cti({ event: 'hangup', direction: 'in', from: first!.phone, to: '4008001234', callId: firstCall, cause: 'cancel' });
      await pop.locator('[data-testid="customer-panel-name"]').waitFor({ state: 'hidden' });

      const secondCall = `pop-b-${Date.now()}`;
      await cti({ event: 'newCall', direction: 'in', from: second!.phone, to: '4008001234', callId: secondCall, user: 'complaints' });
      await pop.locator('[data-testid="customer-panel-name"]', { hasText: second!.name }).waitFor();
      await pop.locator('[data-testid="reveal-pii"]').waitFor();
      expect(await pop.getByText(first!.phone).count()).toBe(0);
      expect(await pop.getByText(first!.name).count()).toBe(0);
      await cti({ event: 'hangup', direction: 'in', from: second!.phone, to: '4008001234', callId: secondCall, cause: 'cancel' });
    } finally {
      await page.context().close();
    }
  });

  it('moves the shift leader\u2019s wallboard while a call waits and when it is answered', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/wallboard`);
      const waiting = page.locator('[data-testid="wallboard-waiting"] .ant-statistic-content-value');
      await page.locator('[data-testid="wallboard-live"]').getByText('实时').waitFor();
      await page.getByText('近 60 分钟').waitFor();
      const before = Number(await waiting.innerText());
      const callId = `wb-${Date.now()}`;
      await cti({ event: 'newCall', direction: 'in', from: '13900001111', to: '4008001234', callId });
      await expect.poll(async () => Number(await waiting.innerText()), { timeout: 5000 }).toBe(before + 1);
      await screenshot(page, 'wallboard-zh-CN');
      await cti({ event: 'answer', direction: 'in', from: '13900001111', to: '4008001234', callId, user: 'agent' });
      await expect.poll(async () => Number(await waiting.innerText()), { timeout: 5000 }).toBe(before);
      // The agents' table (virtual: the rows in view) follows an agent going on a break.
      await cti({ event: 'agentState', user: 'agent02', state: 'break', reason: '培训' });
      await page.locator('[data-testid="wallboard-agents"] .ant-table-row', { hasText: '刘芳' }).getByText('小休（培训）').waitFor({ timeout: 5000 });
    } finally {
      await page.context().close();
    }
  });
});
