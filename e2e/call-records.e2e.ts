// The call records page (issue 4): the leader browses the demo's two weeks of calls, filters by result and opens a
// call; the manager reveals a call's full numbers, which the audit log records as call.contact_revealed. 转为工单 opens
// the workspace with the number (revealed, audited) or, for roles that may not see it, with the call alone: the
// server then fills the order's number and customer from the call. The queue filter offers GET /calls/queues.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiCall, launchBrowser, login, newPage, shot, startKefu, type KefuInstance, pickOption } from './harness.js';

describe('call records page', () => {
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

  it('lists the demo calls to the leader, filters by result and opens a call', async () => {
    const all = await apiCall<{ total: number }>(kefu.baseUrl, 'leader', 'GET', '/calls?pageSize=1');
    expect(all.total).toBeGreaterThan(1000);
    const abandoned = await apiCall<{ total: number; items: Array<{ id: number }> }>(kefu.baseUrl, 'leader', 'GET', '/calls?pageSize=1&result=abandoned_queue');
    expect(abandoned.total).toBeGreaterThan(0);
    expect(abandoned.total).toBeLessThan(all.total);

    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '通话记录' }).click();
    await page.waitForURL(/\/calls/);
    const table = page.locator('[data-testid="call-table"]');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(20);
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toContain(String(all.total));
    const firstRows = await table.locator('tbody').innerText();
    expect(firstRows).toMatch(/\d{2}:\d{2}/);
    expect(firstRows).toMatch(/1\d{2}\*{4}\d{4}/); // masked numbers only
    await shot(page, 'call-records-list');

    await pickOption(page, 'filter-result', '排队放弃');
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), { timeout: 30_000 }).toContain(`共 ${abandoned.total} 通`);
    await expect.poll(async () => {
      const tags = await table.locator('tbody tr.ant-table-row .ant-tag').allInnerTexts();
      return tags.length > 0 && tags.every((x) => x === '排队放弃');
    }).toBe(true);
    await shot(page, 'call-records-filtered');

    await table.locator('tbody tr.ant-table-row').first().locator('td').first().click();
    const drawer = page.locator('.ant-drawer-body');
    await expect.poll(() => drawer.innerText(), { timeout: 30_000 }).toContain('时间线');
    const text = await drawer.innerText();
    expect(text).toContain('排队放弃');
    expect(text).toContain('进入队列');
    expect(text).toContain('放弃');
    // The leader has no customers.reveal_pii: no reveal button.
    expect(await page.locator('[data-testid="call-reveal"]').count()).toBe(0);
    await shot(page, 'call-records-drawer-leader');
    await page.context().close();
  }, 180_000);

  it('reveals a call\u2019s numbers for the manager and audits it', async () => {
    const answered = await apiCall<{ items: Array<{ id: number; from: string }> }>(kefu.baseUrl, 'manager', 'GET', '/calls?pageSize=1&result=answered');
    const call = answered.items[0]!;
    expect(call.from).toContain('****');

    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls?result=answered`);
    await page.locator(`[data-testid="call-row-${call.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="call-from"]').innerText(), { timeout: 30_000 }).toBe(call.from);
    expect(await page.locator('[data-testid="call-import"]').count()).toBe(1);
    await page.locator('[data-testid="call-reveal"]').click();
    await expect.poll(() => page.locator('[data-testid="call-from"]').innerText()).toMatch(/^1\d{10}$/);
    expect(await page.locator('[data-testid="call-revealed"]').innerText()).toContain('审计');
    await shot(page, 'call-records-drawer-revealed');

    const audit = await apiCall<{ items: Array<{ action: string; entityId: number | null }> }>(kefu.baseUrl, 'manager', 'GET', '/audit?action=call.contact_revealed');
    expect(audit.items.some((row) => row.action === 'call.contact_revealed' && row.entityId === call.id)).toBe(true);
    await page.context().close();
  }, 180_000);

  it('转为工单 for the manager reveals the number (audited) and pre-fills the workspace', async () => {
    const answered = await apiCall<{ items: Array<{ id: number; callId: string; from: string }> }>(kefu.baseUrl, 'manager', 'GET', '/calls?pageSize=5&result=answered&direction=in');
    const call = answered.items[3]!;
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls?result=answered&direction=in`);
    await page.locator(`[data-testid="call-row-${call.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="call-from"]').innerText(), { timeout: 30_000 }).toBe(call.from);
    // Not revealed in the drawer first: 转为工单 does the reveal itself.
    await page.locator('[data-testid="call-to-ticket"]').click();
    await page.waitForURL(/\/workspace/);
    const phone = page.locator('[data-testid="ws-phone"]');
    await expect.poll(() => phone.inputValue(), { timeout: 30_000 }).toMatch(/^1\d{10}$/);
    expect((await phone.inputValue()).slice(-4)).toBe(call.from.slice(-4));
    expect(await page.locator('[data-testid="ws-from-call"]').count()).toBe(0);
    await shot(page, 'call-records-to-ticket-manager');
    const audit = await apiCall<{ items: Array<{ action: string; entityId: number | null }> }>(kefu.baseUrl, 'manager', 'GET', '/audit?action=call.contact_revealed');
    expect(audit.items.some((row) => row.action === 'call.contact_revealed' && row.entityId === call.id)).toBe(true);
    await page.context().close();
  }, 180_000);

  it('转为工单 without reveal permission: the server fills the order\u2019s number and customer from the call', async () => {
    const withCustomer = await apiCall<{ items: Array<{ id: number; callId: string; customer: { id: number; name: string } | null }> }>(kefu.baseUrl, 'leader', 'GET', '/calls?pageSize=50&result=answered&direction=in');
    const call = withCustomer.items.find((c) => c.customer !== null)!;
    expect(call).toBeDefined();
    // The test's own look at the full number (the manager may reveal); the leader's browser never gets it.
    const full = await apiCall<{ from: string }>(kefu.baseUrl, 'manager', 'POST', `/calls/${call.id}/reveal-numbers`);

    const page = await newPage(browser);
    const revealCalls: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/reveal-numbers')) revealCalls.push(r.url()); });
    await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls?result=answered&direction=in`);
    await page.locator(`[data-testid="call-row-${call.id}"]`).click();
    await page.locator('[data-testid="call-to-ticket"]').click();
    await page.waitForURL(/\/workspace/);
    await page.locator('[data-testid="ws-from-call"]').waitFor();
    expect(await page.locator('[data-testid="ws-phone"]').inputValue()).toBe('');
    await page.locator('[data-testid="ws-subject"]').fill('来电咨询账单');
    await page.locator('[data-testid="ws-answer"]').fill('已向客户说明本月账单明细。');
    await shot(page, 'call-records-to-ticket-leader');
    await page.locator('[data-testid="ws-submit"]').click();
    const created = page.locator('[data-testid="ws-last-created"]');
    await created.waitFor({ timeout: 30_000 });
    const href = await created.locator('a.kefu-ticket-number').getAttribute('href');
    const ticketId = Number(href?.split('/').pop());
    expect(revealCalls).toEqual([]);

    const ticket = await apiCall<{ customer: { id: number } | null; contactPhone: string | null }>(kefu.baseUrl, 'manager', 'GET', `/tickets/${ticketId}`);
    expect(ticket.customer?.id).toBe(call.customer!.id);
    expect(ticket.contactPhone).not.toBeNull();
    const found = await apiCall<{ items: Array<{ id: number }> }>(kefu.baseUrl, 'manager', 'GET', `/tickets?q=${encodeURIComponent(full.from)}`);
    expect(found.items.map((t) => t.id)).toContain(ticketId);
    const detail = await apiCall<{ ticketIds: number[] }>(kefu.baseUrl, 'leader', 'GET', `/calls/${call.id}`);
    expect(detail.ticketIds).toContain(ticketId);
    await page.context().close();
  }, 180_000);

  it('offers the recent queues in the queue filter', async () => {
    const queues = await apiCall<{ items: string[] }>(kefu.baseUrl, 'leader', 'GET', '/calls/queues');
    expect(queues.items.length).toBeGreaterThan(0);
    const queue = queues.items[0]!;
    const inQueue = await apiCall<{ total: number }>(kefu.baseUrl, 'leader', 'GET', `/calls?pageSize=1&queue=${encodeURIComponent(queue)}`);
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls`);
    await page.locator('[data-testid="filter-queue"]').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts()).toEqual(queues.items);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: queue }).first().click();
    await page.waitForURL(new RegExp(`queue=${encodeURIComponent(queue)}`));
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), { timeout: 30_000 }).toContain(String(inQueue.total));
    // A name that is not among them can still be typed (an older queue): nothing matches it.
    await page.locator('[data-testid="filter-queue"]').click();
    await page.keyboard.type('旧队列');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '旧队列' }).click();
    await page.waitForURL(new RegExp(`queue=${encodeURIComponent('旧队列')}`));
    await expect.poll(() => page.locator('[data-testid="call-table"] .ant-table-placeholder').innerText(), { timeout: 30_000 }).toContain('没有符合条件的通话');
    await shot(page, 'call-records-queue-filter');
    await page.context().close();
  }, 180_000);

  it('shows an agent only their own calls, without the import button', async () => {
    const me = await apiCall<{ id: number }>(kefu.baseUrl, 'agent', 'GET', '/auth/me');
    const own = await apiCall<{ total: number; items: Array<{ agent: { id: number } | null }> }>(kefu.baseUrl, 'agent', 'GET', '/calls?pageSize=50');
    expect(own.items.every((c) => c.agent?.id === me.id)).toBe(true);
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls`);
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), { timeout: 30_000 }).toContain(String(own.total));
    expect(await page.locator('[data-testid="call-import"]').count()).toBe(0);
    expect(await page.locator('.kefu-page-header').innerText()).toContain('您本人');
    await page.context().close();
  }, 180_000);

  it('imports call records from CSV for the manager: errors listed, then the rows with their recording', async () => {
    const header = '呼叫ID,方向,主叫,被叫,队列,坐席,开始时间,排队时间,应答时间,结束时间,挂机原因,保持时长,话后处理时长,录音';
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/calls`);
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\ne2e-bad-1,sideways,13812345678,4008001234,热线,,2026-11-19 09:00:00,,,,,,,\n`) });
    await expect.poll(() => page.locator('[data-testid="call-import-errors"]').innerText(), { timeout: 30_000 }).toContain('第 2 行');
    await shot(page, 'call-records-import-errors');
    const good = `${header}\ne2e-imp-1,呼入,13812345678,4008001234,售后,,2026-11-19 09:00:00,2026-11-19 09:00:05,2026-11-19 09:00:15,2026-11-19 09:05:15,,30,20,https://pbx.example.com/r/1.wav\n`;
    await input.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect.poll(() => page.locator('.ant-message, .ant-notification').first().innerText(), { timeout: 30_000 }).toContain('已导入 1 通');
    await page.locator('[data-testid="filter-phone"]').fill('13812345678');
    await expect.poll(() => page.locator('[data-testid="call-table"] tbody').innerText(), { timeout: 30_000 }).toContain('售后');
    await page.locator('[data-testid="call-table"] tbody tr.ant-table-row', { hasText: '售后' }).first().locator('td').first().click();
    await expect.poll(() => page.locator('[data-testid="call-recording"]').getAttribute('src'), { timeout: 30_000 }).toBe('https://pbx.example.com/r/1.wav');
    expect(await page.locator('[data-testid="call-durations"]').innerText()).toContain('保持 00:30');
    await shot(page, 'call-records-imported-drawer');
    await page.context().close();
  }, 180_000);
});
