// The archivist's day (seeds 001/002): the expiring-contracts view, a domestic worker's profile with a movement
// recorded in the UI (ID card in clear for her, masked for an agent), and a lending slip approved by the manager.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startKefu, type KefuInstance, apiCall, shot } from './harness.js';

const shanghaiDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('archives: contracts, service staff, lending', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let staffId: number;
  let slipId: number;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    const base = kefu.baseUrl;
    const me = await apiCall<{ id: number }>(base, 'archivist', 'GET', '/auth/me');
    const customers = await apiCall<{ items: { id: number }[] }>(base, 'archivist', 'GET', '/customers?pageSize=2');
    const staff = await apiCall<{ id: number }>(base, 'archivist', 'POST', '/service-staff', { name: '王秀英', gender: 'female', birthYear: 1972, phone: '13912345678', idCard: '340104197201011234', skills: ['住家保姆', '烹饪'], level: '金牌' });
    staffId = staff.id;
    await apiCall(base, 'archivist', 'POST', '/contracts', {
      number: 'E2E-HT-001', customerId: customers.items[0]!.id, ourParty: '乡工汇家政', title: '住家保姆服务合同', kind: 'service',
      startDate: shanghaiDay(-355), endDate: shanghaiDay(10), amountFen: 680000, ownerId: me.id, staffIds: [staffId],
    });
    await apiCall(base, 'archivist', 'POST', '/contracts', {
      number: 'E2E-HT-002', customerId: customers.items[1]!.id, ourParty: '乡工汇家政', title: '育婴师服务合同', kind: 'service',
      startDate: shanghaiDay(-400), endDate: shanghaiDay(-3), amountFen: 520000, ownerId: me.id,
    });
    const agent = await apiCall<{ id: number }>(base, 'agent', 'GET', '/auth/me');
    const slip = await apiCall<{ id: number }>(base, 'archivist', 'POST', '/lending', { documentTitle: '房产证原件（12-301）', documentNo: 'FC-12-301', borrowerId: agent.id, purpose: '陪同业主办理抵押登记', expectedReturnDate: shanghaiDay(3) });
    slipId = slip.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('shows the expiring and overdue contracts to the archivist', async () => {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/contracts?tab=expiring`);
    await expect.poll(() => page.locator('[data-testid="expiring-table"]').innerText()).toContain('E2E-HT-001');
    expect(await page.locator('[data-testid="overdue-table"]').innerText()).toContain('E2E-HT-002');
    await shot(page, 'contracts-expiring');
    await page.goto(`${kefu.baseUrl}/contracts`);
    await expect.poll(() => page.locator('[data-testid="contract-table"]').innerText()).toContain('住家保姆服务合同');
    await page.locator('[data-testid^="renew-"]').first().click();
    await expect.poll(() => page.locator('.ant-modal-title').first().innerText()).toContain('续签合同');
    await shot(page, 'contracts-renew-dialog');
    await page.context().close();
  }, 120_000);

  it('records a movement on the profile; the ID card is in clear for the archivist and masked for an agent', async () => {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/service-staff/${staffId}`);
    await expect.poll(() => page.locator('[data-testid="staff-id-card"]').innerText()).toBe('340104197201011234');
    await page.locator('[data-testid="movement-open"]').click();
    await page.locator('[data-testid="movement-save"]').click();
    await expect.poll(() => page.locator('[data-testid="movements-table"]').innerText()).toContain('上岗');
    await shot(page, 'staff-profile-archivist');
    await page.context().close();

    const agentPage = await newPage(browser);
    await login(agentPage, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    await agentPage.goto(`${kefu.baseUrl}/service-staff/${staffId}`);
    await expect.poll(() => agentPage.locator('[data-testid="staff-id-card"]').innerText()).toBe('340***********1234');
    await shot(agentPage, 'staff-profile-agent');
    await agentPage.context().close();
  }, 120_000);

  it('lets the manager approve a lending slip and the archivist hand it out', async () => {
    const manager = await newPage(browser);
    await login(manager, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await manager.goto(`${kefu.baseUrl}/lending`);
    await manager.locator(`[data-testid="lending-approve-${slipId}"]`).click();
    await manager.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => manager.locator('[data-testid="lending-table"]').innerText()).toContain('已批准');
    await manager.context().close();

    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'archivist', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/lending`);
    await page.locator(`[data-testid="lending-lend-${slipId}"]`).click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.locator('[data-testid="lending-table"]').innerText()).toContain('已借出');
    await shot(page, 'lending-register');
    await page.locator('[data-testid="lending-tab-overdue"]').click();
    // Only slips past their return day are listed (the demo seeds one); ours is due in three days.
    await expect.poll(() => page.locator('[data-testid="lending-table"]').innerText()).not.toContain('FC-12-301');
    const overdue = await page.locator('[data-testid="lending-table"]').innerText();
    expect(overdue.includes('暂无借出单') || overdue.includes('逾期')).toBe(true);
    await shot(page, 'lending-overdue');
    await page.context().close();
  }, 120_000);
});
