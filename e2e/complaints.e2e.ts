// A serious complaint through the whole procedure in the browser: the service manager registers and works it,
// approves the proposal; the general manager gives the second approval from the approval inbox; the manager
// replies, follows up and closes; the penalty slip is signed by the staff member and by the general manager.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startKefu, type KefuInstance, shot, pickOption } from './harness.js';

/** Opens an antd Select by its test id and picks the option with this label. */
/** The machine is shared: give the UI time (vitest's default poll gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

const stepTag = (page: Page) => page.locator('.kefu-page-header [data-testid="complaint-step"]');

async function submitStep(page: Page, nextStep: string): Promise<void> {
  await page.locator('[data-testid="complaint-step-submit"]').click();
  await poll(() => stepTag(page).textContent()).toBe(nextStep);
}

describe('complaints: a serious complaint from registration to closure', () => {
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

  it('manager and general manager take it through every step, both approvals and the penalty slip', async () => {
    const manager = await newPage(browser);
    await login(manager, kefu.baseUrl, 'manager', ADMIN_PASSWORD);
    await manager.goto(`${kefu.baseUrl}/complaints`);
    await manager.locator('[data-testid="complaint-create"]').click();
    const modal = manager.locator('.ant-modal:visible');
    await modal.locator('label', { hasText: '严重投诉' }).click();
    await poll(() => modal.locator('.ant-alert').count()).toBe(1);
    await modal.locator('#subject').fill('投诉：家政员打碎客户花瓶');
    await modal.locator('#description').fill('客户来电称家政员保洁时打碎客厅花瓶，要求赔偿。');
    await modal.locator('#contactName').fill('林女士');
    await modal.locator('#contactPhone').fill('13911112222');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await manager.waitForURL(/\/complaints\/\d+$/);
    await poll(() => stepTag(manager).textContent()).toBe('受理');
    expect(await manager.locator('.kefu-page-header [data-testid="complaint-grade"]').textContent()).toBe('严重投诉');

    // 受理 → 判定 → 调查 → 方案
    await manager.locator('[data-testid="complaint-field-content"]').fill('家政员擦拭博古架时碰落花瓶，客户要求照价赔偿');
    await submitStep(manager, '判定');
    await pickOption(manager, 'complaint-field-category', '财产损失');
    await pickOption(manager, 'complaint-field-responsibleUserId', '张晓东');
    await manager.locator('[data-testid="complaint-field-responsibleDepartment"]').fill('家政服务部');
    await submitStep(manager, '调查');
    await manager.locator('[data-testid="complaint-field-findings"]').fill('家政员承认作业时未移开易碎物品');
    await submitStep(manager, '方案');
    await manager.locator('[data-testid="complaint-field-resolution"]').fill('按购买价八折赔偿');
    await manager.locator('[data-testid="complaint-add-payout"]').click();
    await manager.locator('[data-testid="complaint-payout-amount"]').locator('xpath=descendant-or-self::input').first().fill('2400');
    await submitStep(manager, '审批');
    await shot(manager, 'complaints-01-awaiting-manager');

    // The manager approves; the case now waits for the general manager.
    await manager.locator('[data-testid="complaint-approve"]').click();
    await poll(() => manager.locator('[data-testid="complaint-approval"]').textContent()).toContain('等待总经理审批');
    expect(await manager.locator('[data-testid="complaint-approve"]').count()).toBe(0);

    const gm = await newPage(browser);
    await login(gm, kefu.baseUrl, 'gm', ADMIN_PASSWORD);
    await gm.goto(`${kefu.baseUrl}/complaints/approvals`);
    // The demo department has cases of its own waiting for the general manager: pick this one by its subject.
    const ours = gm.locator('[data-testid="complaint-approvals"] .ant-table-row', { hasText: '家政员打碎客户花瓶' });
    await poll(() => ours.count()).toBe(1);
    await shot(gm, 'complaints-02-gm-inbox');
    await ours.locator('[data-testid="complaint-approvals-open"]').click();
    await gm.waitForURL(/\/complaints\/\d+$/);
    await gm.locator('[data-testid="complaint-approve"]').click();
    await poll(() => stepTag(gm).textContent()).toBe('执行并答复');
    expect(await gm.locator('[data-testid="complaint-payouts"]').textContent()).toContain('¥2400.00');

    // 执行并答复 → 回访 → 总结结案 → 已结案
    await manager.reload();
    await poll(() => stepTag(manager).textContent()).toBe('执行并答复');
    await manager.locator('[data-testid="complaint-field-replyText"]').fill('已电话告知客户赔偿方案，客户接受');
    await submitStep(manager, '回访');

    // The follow-up call is not answered (无人接听): the clock stands while the customer cannot be reached (顺延).
    const caseUrl = manager.url();
    const ticketId = Number(new URL(caseUrl).pathname.split('/').pop());
    await manager.goto(`${kefu.baseUrl}/tickets/${ticketId}`);
    const card = manager.locator('[data-testid="sla-card"]');
    await card.locator('[data-testid="sla-pause"]').click();
    await pickOption(manager, 'sla-pause-reason', '客户无法联系');
    await manager.locator('[data-testid="sla-pause-note"]').fill('回访电话两次无人接听');
    await manager.locator('[data-testid="sla-pause-submit"]').click();
    await poll(async () => (await manager.locator('[data-testid="sla-badge"]').first().textContent()) ?? '').toBe('暂停：客户无法联系');
    await shot(manager, 'complaints-02b-paused');
    await card.locator('[data-testid="sla-resume"]').click();
    await manager.locator('[data-testid="sla-pause-note"]').fill('客户回电');
    await manager.locator('[data-testid="sla-pause-submit"]').click();
    await card.locator('[data-testid="sla-pause"]').waitFor();
    await card.locator('[data-testid="sla-pauses"]').getByText('回访电话两次无人接听').waitFor();
    await manager.goto(caseUrl);
    await poll(() => stepTag(manager).textContent()).toBe('回访');
    await manager.locator('[data-testid="complaint-field-result"] label', { hasText: '满意' }).first().click();
    await submitStep(manager, '总结结案');
    // A missing root cause is refused (client rule first; the server names the field too).
    await manager.locator('[data-testid="complaint-step-submit"]').click();
    await poll(() => manager.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await manager.locator('[data-testid="complaint-field-rootCause"]').fill('家政员作业不规范');
    await manager.locator('[data-testid="complaint-field-improvement"]').fill('上岗前加强易碎物品培训');
    await submitStep(manager, '已结案');

    // The penalty slip: the staff member signs it, then the general manager.
    await manager.locator('[data-testid="penalty-create"]').click();
    await manager.locator('[data-testid="penalty-text"]').fill('未按规范作业，扣绩效 2 分');
    await manager.locator('[data-testid="penalty-points"]').locator('xpath=descendant-or-self::input').first().fill('2');
    await manager.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await poll(() => manager.locator('[data-testid="complaint-penalties"]').textContent()).toContain('未签');

    const staff = await newPage(browser);
    await login(staff, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
    await staff.goto(manager.url());
    await staff.locator('[data-testid="penalty-sign-staff"]').click();
    await poll(() => staff.locator('[data-testid="penalty-sign-staff"]').count()).toBe(0);
    expect(await staff.locator('[data-testid="penalty-sign-gm"]').count()).toBe(0);
    // The staff member finds their slips of the month for performance.
    await staff.goto(`${kefu.baseUrl}/complaints/penalties`);
    // (The demo department may hold slips of its own; this one is found by its text.)
    await poll(() => staff.locator('.ant-table-row', { hasText: '未按规范作业' }).count()).toBeGreaterThanOrEqual(1);
    await shot(staff, 'complaints-05-my-penalties');

    await gm.reload();
    await gm.locator('[data-testid="penalty-sign-gm"]').click();
    await poll(() => gm.locator('[data-testid="penalty-sign-gm"]').count()).toBe(0);
    await manager.reload();
    await poll(() => stepTag(manager).textContent()).toBe('已结案');
    const penalties = await manager.locator('[data-testid="complaint-penalties"]').textContent();
    expect(penalties).toContain('陈建国');
    expect(penalties).not.toContain('未签');
    await shot(manager, 'complaints-03-closed');

    await manager.goto(`${kefu.baseUrl}/complaints?x=1`);
    await manager.locator('.ant-segmented-item', { hasText: '已结案' }).click();
    await poll(() => manager.locator('.ant-table-row', { hasText: '家政员打碎客户花瓶' }).count()).toBe(1);
    await poll(() => manager.locator('[data-testid="complaint-stats"]').textContent()).toMatch(/\d+\.\d%/);
    await shot(manager, 'complaints-04-list');

    // The month's complaint analysis (live for the running month) counts it, serious and justified, with its root cause.
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    await manager.goto(`${kefu.baseUrl}/reports/complaints?month=${month}`);
    await poll(() => manager.locator('.ant-table-row', { hasText: '家政员作业不规范' }).count()).toBe(1);
    expect(await manager.locator('.ant-table-row', { hasText: '家政员作业不规范' }).textContent()).toContain('上岗前加强易碎物品培训');
    await manager.locator('[data-testid="chart-grade"] canvas').waitFor();
    await shot(manager, 'complaints-06-analysis');
  }, 300_000);
});
