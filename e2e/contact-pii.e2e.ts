// Work-order contact numbers and call numbers encrypted at rest (issue 6 item 7): the demo's orders and calls,
// inserted in bulk as plaintext, are encrypted at start; the order page shows the number masked, the manager reveals
// it (audited), the call list is masked for every role and a call's numbers come only from the audited reveal.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiCall, launchBrowser, login, newPage, shot, startKefu, type KefuInstance } from './harness.js';

interface TicketBrief { id: number; number: string; contactPhone: string | null; contactPhoneMasked: boolean; status: string }
interface CallBrief { id: number; callId: string; direction: string; from: string | null; to: string | null }

describe('contact and call numbers encrypted at rest', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let ticket: TicketBrief;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    const page = await apiCall<{ items: TicketBrief[] }>(kefu.baseUrl, 'manager', 'GET', '/tickets?pageSize=100&sort=-createdAt');
    ticket = page.items.find((t) => t.contactPhone !== null)!;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('shows the order\u2019s contact number masked, and in full after the manager\u2019s audited reveal', async () => {
    expect(ticket).toMatchObject({ contactPhoneMasked: true, contactPhone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/tickets/${ticket.id}`);
    await expect.poll(() => page.locator('[data-testid="contact-phone"]').first().innerText()).toBe(ticket.contactPhone);
    await shot(page, 'contact-pii-ticket-masked');
    await page.locator('[data-testid="reveal-contact"]').first().click();
    await expect.poll(() => page.locator('[data-testid="contact-phone-full"]').first().innerText()).toMatch(/^1\d{10}$/);
    const full = await page.locator('[data-testid="contact-phone-full"]').first().innerText();
    expect(full.slice(0, 3)).toBe(ticket.contactPhone!.slice(0, 3));
    expect(full.slice(-4)).toBe(ticket.contactPhone!.slice(-4));
    await shot(page, 'contact-pii-ticket-revealed');
    const audit = await apiCall<{ items: Array<{ action: string; entityId: number | null }> }>(kefu.baseUrl, 'manager', 'GET', '/audit?action=ticket.contact_revealed');
    expect(audit.items.map((a) => a.entityId)).toContain(ticket.id);
    // The order is found by its number in another format (blind index).
    const spaced = `+86 ${full.slice(0, 3)} ${full.slice(3, 7)} ${full.slice(7)}`;
    const found = await apiCall<{ items: TicketBrief[] }>(kefu.baseUrl, 'manager', 'GET', `/tickets?q=${encodeURIComponent(spaced)}&pageSize=100`);
    expect(found.items.map((t) => t.id)).toContain(ticket.id);
    await page.context().close();
  }, 120_000);

  it('leaves no plaintext number behind after the start-up backfill of the demo\u2019s bulk-inserted orders and calls', async () => {
    const status = await apiCall<{ plaintextLeft: number; valuesByKey: Record<string, number> }>(kefu.baseUrl, 'admin', 'GET', '/pii/keys/status');
    expect(status.plaintextLeft).toBe(0);
    const tickets = await apiCall<{ items: TicketBrief[] }>(kefu.baseUrl, 'manager', 'GET', '/tickets?pageSize=100&sort=createdAt');
    const phones = tickets.items.map((t) => t.contactPhone).filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(10);
    for (const phone of phones) expect(phone).toMatch(/\*{4}/);
  }, 60_000);

  it('lists the demo\u2019s calls masked for the manager; the numbers come from the audited reveal', async () => {
    const calls = await apiCall<{ items: CallBrief[] }>(kefu.baseUrl, 'manager', 'GET', '/calls?pageSize=20');
    expect(calls.items.length).toBeGreaterThan(0);
    const inbound = calls.items.find((c) => c.direction === 'in' && c.from)!;
    expect(inbound.from).toContain('****');
    const revealed = await apiCall<{ from: string; to: string }>(kefu.baseUrl, 'manager', 'POST', `/calls/${inbound.id}/reveal-numbers`, {});
    expect(revealed.from).not.toContain('*');
    const byNumber = await apiCall<{ items: CallBrief[] }>(kefu.baseUrl, 'manager', 'GET', `/calls?phone=${encodeURIComponent(revealed.from)}&pageSize=100`);
    expect(byNumber.items.map((c) => c.id)).toContain(inbound.id);
  }, 60_000);
});
