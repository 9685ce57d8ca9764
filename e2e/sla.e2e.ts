// SLA in the browser: the countdown in the work-order list, pausing and resuming a complaint's clock on its
// detail page (客户无法联系), the policies admin page with a calendar error under its field, and the report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startKefu, type KefuInstance, shot, pickOption } from './harness.js';

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
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

interface SlaDetail {
  pausedSince: string | null;
  pauses: { reason: string; note: string | null; endedAt: string | null }[];
}

describe('SLA: countdown, pause and resume, policies', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let complaint: { id: number; number: string };

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchBrowser();
    // Demo work orders are seeded without clocks: a complaint taken now gets the built-in 12 h / 48 h policy.
    complaint = await apiCall(kefu.baseUrl, 'leader', 'POST', '/tickets', {
      type: 'complaint',
      subject: '投诉：维修人员爽约两次',
      description: '客户称约定上门维修两次未到，要求给说法。',
      priority: 'high',
      channel: 'phone',
      contactName: '王女士',
      contactPhone: '13800138000',
      answeredOnSpot: false,
      eventTime: new Date().toISOString(),
      eventPlace: '上海市浦东新区',
      eventPerson: '维修师傅',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('the list counts down to the first reply; the leader pauses the clock (客户无法联系) and resumes it', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/tickets`);
      const row = page.locator('[data-testid="ticket-table"] .ant-table-row', { hasText: complaint.number });
      await row.waitFor();
      const badge = row.locator('[data-testid="sla-badge"]');
      // 12 h first-reply target, taken a moment ago: 11 h 59 min (or 12 h 0 min) left.
      await expect.poll(async () => (await badge.textContent()) ?? '').toMatch(/^首次答复还剩 1[12]小时\d+分$/);
      expect(await badge.getAttribute('data-tone')).toBe('normal');
      expect(await page.locator('[data-testid="ticket-table"] th', { hasText: 'SLA' }).count()).toBe(1);
      await shot(page, 'sla-ticket-list-zh-CN');

      await row.locator('.kefu-ticket-number').click();
      await page.waitForURL(`**/tickets/${complaint.id}`);
      const card = page.locator('[data-testid="sla-card"]');
      await card.getByText('投诉 (12 h 答复 / 48 h 解决)').waitFor();
      await card.getByText('没有暂停记录').waitFor();

      await card.locator('[data-testid="sla-pause"]').click();
      await pickOption(page, 'sla-pause-reason', '客户无法联系');
      await page.locator('[data-testid="sla-pause-note"]').fill('10:05、10:40 两次拨打无人接听');
      await shot(page, 'sla-pause-dialog-zh-CN');
      await page.locator('[data-testid="sla-pause-submit"]').click();
      await page.getByText('已暂停计时').first().waitFor();
      await card.locator('[data-testid="sla-resume"]').waitFor();
      // The header badge and the card say it stands, and why.
      await expect.poll(async () => (await page.locator('[data-testid="sla-badge"]').first().textContent()) ?? '').toBe('暂停：客户无法联系');
      await card.locator('[data-testid="sla-pauses"]').getByText('10:05、10:40 两次拨打无人接听').waitFor();
      await shot(page, 'sla-ticket-paused-zh-CN');

      const paused = await apiCall<SlaDetail>(kefu.baseUrl, 'leader', 'GET', `/tickets/${complaint.id}/sla`);
      expect(paused.pausedSince).not.toBeNull();
      expect(paused.pauses).toMatchObject([{ reason: 'customer_unreachable', note: '10:05、10:40 两次拨打无人接听', endedAt: null }]);

      await card.locator('[data-testid="sla-resume"]').click();
      await page.locator('[data-testid="sla-pause-note"]').fill('客户回电');
      await page.locator('[data-testid="sla-pause-submit"]').click();
      await page.getByText('已恢复计时').first().waitFor();
      await card.locator('[data-testid="sla-pause"]').waitFor();
      await expect.poll(async () => (await page.locator('[data-testid="sla-badge"]').first().textContent()) ?? '').toMatch(/^首次答复还剩 1[12]小时\d+分$/);
      await shot(page, 'sla-ticket-resumed-zh-CN');

      const resumed = await apiCall<SlaDetail>(kefu.baseUrl, 'leader', 'GET', `/tickets/${complaint.id}/sla`);
      expect(resumed.pausedSince).toBeNull();
      expect(resumed.pauses).toHaveLength(1);
      expect(resumed.pauses[0]!.endedAt).not.toBeNull();
    } finally {
      await page.context().close();
    }
  });

  it('the administrator sees the policies, and a bad custom calendar is named under its field', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="side-menu"]').getByText('管理', { exact: true }).click();
      await page.locator('[data-testid="side-menu"]').getByText('SLA 策略').click();
      await page.waitForURL('**/admin/sla-policies');
      const table = page.locator('[data-testid="sla-policies"]');
      const row = table.locator('.ant-table-row', { hasText: '投诉 (12 h 答复 / 48 h 解决)' });
      await row.waitFor();
      expect(await row.textContent()).toContain('75% → 处理人');
      await shot(page, 'sla-policies-zh-CN');

      await row.getByRole('button', { name: /编辑/ }).click();
      const form = page.locator('[data-testid="sla-policy-form"]');
      await form.locator('[data-testid="sla-policy-name"]').waitFor();
      await pickOption(page, 'sla-calendar-mode', '自定义');
      await form.locator('[data-testid="sla-calendar-json"]').fill('{"timeZone":"Asia/Shanghai","weeklyHours":{"mon":[{"start":"09:00","end":"08:00"}]}}');
      await page.locator('[data-testid="sla-policy-form-save"]').click();
      const error = form.locator('.ant-form-item-explain-error', { hasText: 'weeklyHours.mon[0].end' });
      await error.waitFor();
      await shot(page, 'sla-policy-calendar-error-zh-CN');
    } finally {
      await page.context().close();
    }
  });

  it('a live escalation notice pops up for the owner', { timeout: 150_000 }, async () => {
    // A policy that escalates to the owner at 50% of a 1-minute resolution target, for complaints by SMS only
    // (more specific than the built-in complaint policy, so it wins).
    await apiCall(kefu.baseUrl, 'admin', 'POST', '/sla-policies', {
      name: 'e2e 快速升级', typeKey: 'complaint', channel: 'sms', sortOrder: 0, calendar: '24x7', timeBasis: 'calendar',
      firstReplyMinutes: null, updateMinutes: null, resolutionMinutes: 1,
      escalation: [{ percent: 50, notify: 'owner', channels: ['live'] }],
    });
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/tickets`);
      await page.locator('[data-testid="ticket-table"] .ant-table-row').first().waitFor();
      const me = await apiCall<{ id: number }>(kefu.baseUrl, 'leader', 'GET', '/auth/me');
      const quick = await apiCall<{ id: number; number: string }>(kefu.baseUrl, 'leader', 'POST', '/tickets', {
        type: 'complaint', subject: '短信投诉：账单重复扣费', description: '客户短信反映重复扣费。', channel: 'sms', priority: 'normal',
        contactName: '李先生', contactPhone: '13900139000', answeredOnSpot: false, eventTime: new Date().toISOString(), eventPlace: '线上', eventPerson: '—',
        assigneeId: me.id,
      });
      const notice = page.locator('.ant-notification-notice', { hasText: quick.number });
      await notice.waitFor({ timeout: 90_000 });
      expect(await notice.textContent()).toContain(`SLA 预警：工单 ${quick.number} 已用去解决时限的 50%`);
      await shot(page, 'sla-live-escalation-zh-CN');
      await notice.getByRole('button', { name: '查看工单' }).click();
      await page.waitForURL(`**/tickets/${quick.id}`);
      await page.locator('[data-testid="sla-card"]').getByText('第 1 级').waitFor();

      // The same in English.
      await page.locator('[data-testid="language-switch"]').first().click();
      await page.locator('[data-testid="language-en"]').click();
      const card = page.locator('[data-testid="sla-card"]');
      await card.getByText('Service level (SLA)').waitFor();
      await card.getByText('Level 1').waitFor();
      expect(await page.locator('[data-testid="sla-badge"]').first().textContent()).toMatch(/^Resolution(\d+m|<1m) (left|overdue)$/);
      await shot(page, 'sla-ticket-escalated-en');
    } finally {
      await page.context().close();
    }
  });

  it('shows the calendars and the report page', async () => {
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/admin/calendars`);
      await page.locator('[data-testid="calendar-5x8"]').getByText('09:00–12:00，13:00–18:00').first().waitFor();
      await shot(page, 'sla-calendars-zh-CN');

      await page.goto(`${kefu.baseUrl}/reports/sla`);
      const table = page.locator('[data-testid="sla-report-table"]');
      // Last month by default; the seeded history fills it. The totals line closes the table.
      await table.locator('.ant-table-summary').getByText('合计').waitFor();
      await page.locator('[data-testid="sla-report-chart"] canvas').waitFor();
      await page.waitForTimeout(500);
      expect(await table.locator('.ant-table-tbody .ant-table-row').count()).toBeGreaterThan(1);
      expect(await table.locator('.ant-table-summary').textContent()).toMatch(/\d+\.\d%/);
      await shot(page, 'sla-report-zh-CN');

      const download = page.waitForEvent('download');
      await page.locator('[data-testid="sla-report-export"]').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = await (await file.createReadStream()).toArray();
      expect(Buffer.concat(bytes).subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip

      await page.getByText('按班组').click();
      await table.locator('.ant-table-row', { hasText: '客服一班' }).waitFor();
      await page.waitForTimeout(500);
      await shot(page, 'sla-report-team-zh-CN');
    } finally {
      await page.context().close();
    }
  });
});
