// Rosters in the browser: an agent asks for a swap that breaks a rule and sees why; a shift leader approves a
// leave request; the outgoing leader signs the handover log and the next leader countersigns it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startKefu, type KefuInstance, shot, pickOption } from './harness.js';

interface User { id: number; username: string; displayName: string; teamId: number | null; role: { key: string } }

async function apiCall<T>(baseUrl: string, username: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: ADMIN_PASSWORD }) });
  const { token } = (await res.json()) as { token: string };
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as T };
}

/** "YYYY-MM-DD" in Shanghai, `days` from today. */
const dayAhead = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** A short morning shift that replaces the person's demo shift of that day and meets no other (the night before ends 08:00). */
const shortShift = (userId: number, date: string) => ({ userId, date, shiftCode: 'X', startsAt: `${date}T08:10:00+08:00`, endsAt: `${date}T09:50:00+08:00` });

describe('rosters: swaps, leave approval and the handover log', () => {
  let kefu: KefuInstance;
  let browser: Browser;
  let agent: User;
  let other: User;

  beforeAll(async () => {
    // KEFU_E2E_BASE_URL: reuse a server already running with the demo data (on a loaded machine startup can pass 90 s).
    const external = process.env.KEFU_E2E_BASE_URL;
    kefu = external ? ({ baseUrl: external, stop: async () => {} } as unknown as KefuInstance) : await startKefu();
    browser = await launchBrowser();
    const users = (await apiCall<{ items: User[] }>(kefu.baseUrl, 'admin', 'GET', '/users')).json.items;
    agent = users.find((u) => u.username === 'agent')!;
    other = users.find((u) => u.role.key === 'agent' && u.teamId !== null && u.teamId !== agent.teamId)!;
    await apiCall(kefu.baseUrl, 'manager', 'PUT', `/rosters/staff/${agent.id}`, { job: 'agent', skillLevel: 2 });
    await apiCall(kefu.baseUrl, 'manager', 'PUT', `/rosters/staff/${other.id}`, { job: 'agent', skillLevel: 3 });
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('an agent asks for a swap with a more senior colleague and sees the reason it is refused', async () => {
    const mineDate = dayAhead(6);
    const theirDate = dayAhead(9);
    const put = await apiCall(kefu.baseUrl, 'manager', 'PUT', '/rosters/shifts', { shifts: [shortShift(agent.id, mineDate), shortShift(other.id, theirDate)] });
    expect(put.status).toBe(200);
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'agent', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/my-roster`);
      await page.locator('[data-testid="request-swap"]').click();
      await pickOption(page, 'swap-mine', `${mineDate} X`);
      await pickOption(page, 'swap-counterpart', `${other.displayName} · ${theirDate} X`, other.displayName);
      const alert = page.locator('[data-testid="rule-violations"]');
      await expect.poll(async () => (await alert.textContent()) ?? '').toContain('换班双方技术业务水平须相当（2 级 / 3 级）');
      await page.locator('[data-testid="swap-submit"]').click();
      await page.waitForTimeout(500);
      await expect.poll(async () => (await alert.textContent()) ?? '').toContain('技术业务水平须相当');
      await shot(page, 'rosters-swap-refused');
      // Nothing was created for these two shifts (the demo data may hold another pending swap of this agent).
      const swaps = await apiCall<{ items: { requesterShift: { date: string; shiftCode: string } }[] }>(kefu.baseUrl, 'agent', 'GET', '/rosters/swaps?mine=true&status=pending');
      expect(swaps.json.items.filter((s) => s.requesterShift.date === mineDate && s.requesterShift.shiftCode === 'X')).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('a shift leader approves a one-day leave request from the approval inbox', async () => {
    let leaveId = 0;
    // The first ordinary day from four days ahead (a public holiday would refuse the request).
    for (let d = 4; d < 30 && !leaveId; d++) {
      const date = dayAhead(d);
      await apiCall(kefu.baseUrl, 'manager', 'PUT', '/rosters/shifts', { shifts: [shortShift(agent.id, date)] });
      const r = await apiCall<{ id: number; status: string }>(kefu.baseUrl, 'agent', 'POST', '/rosters/leave', { kind: 'personal', startsAt: `${date}T08:10:00+08:00`, endsAt: `${date}T09:50:00+08:00`, reason: '去银行办理房贷手续' });
      if (r.status === 201) leaveId = r.json.id;
    }
    expect(leaveId).toBeGreaterThan(0);
    const page = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(page, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await page.goto(`${kefu.baseUrl}/rosters/approvals`);
      const approve = page.locator(`[data-testid="approve-leave-${leaveId}"]`);
      await approve.waitFor();
      await shot(page, 'rosters-leave-inbox');
      await approve.click();
      await expect.poll(async () => (await apiCall<{ items: { id: number; status: string }[] }>(kefu.baseUrl, 'agent', 'GET', '/rosters/leave?mine=true')).json.items.find((l) => l.id === leaveId)?.status).toBe('approved');
      await expect.poll(() => approve.count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('an agent clocks in an hour late and the leader sees the violation on the attendance page', async () => {
    const late = (await apiCall<{ items: User[] }>(kefu.baseUrl, 'admin', 'GET', '/users')).json.items.find((u) => u.username === 'agent03')!;
    const start = new Date(Date.now() - 60 * 60_000);
    const date = new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await apiCall(kefu.baseUrl, 'manager', 'PUT', '/rosters/shifts', { shifts: [{ userId: late.id, date, shiftCode: 'L', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString() }] });
    const agentPage = await newPage(browser, { locale: 'zh-CN' });
    const leaderPage = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(agentPage, kefu.baseUrl, 'agent03', ADMIN_PASSWORD);
      await agentPage.goto(`${kefu.baseUrl}/my-roster`);
      await agentPage.getByRole('button', { name: '上班打卡' }).click();
      await agentPage.getByText('已打卡').waitFor();
      await shot(agentPage, 'rosters-my-roster');

      await login(leaderPage, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await leaderPage.goto(`${kefu.baseUrl}/rosters/attendance`);
      const row = leaderPage.locator('.ant-table-row', { hasText: late.displayName }).filter({ hasText: 'L ' });
      await row.first().waitFor();
      await expect.poll(async () => (await row.first().textContent()) ?? '').toContain('迟到≥20分钟');
      await shot(leaderPage, 'rosters-attendance');
    } finally {
      await agentPage.context().close();
      await leaderPage.context().close();
    }
  });

  it('the outgoing leader signs the handover log, the next leader countersigns it', async () => {
    const outgoing = await newPage(browser, { locale: 'zh-CN' });
    const incoming = await newPage(browser, { locale: 'zh-CN' });
    try {
      await login(outgoing, kefu.baseUrl, 'leader', ADMIN_PASSWORD);
      await outgoing.goto(`${kefu.baseUrl}/handover`);
      await outgoing.locator('#businessChanges').fill('5G 融合套餐今日上线，资费口径见知识库');
      await outgoing.locator('#systemProblems').fill('15:10 工单系统短暂卡顿，已恢复');
      await outgoing.locator('[data-testid="handover-save"]').click();
      await outgoing.locator('[data-testid="sign-outgoing"]').click();
      await expect.poll(async () => (await outgoing.locator('[data-testid="handover-status"]').textContent()) ?? '').toBe('待接班签字');
      await shot(outgoing, 'rosters-handover-outgoing-signed');

      await login(incoming, kefu.baseUrl, 'leader2', ADMIN_PASSWORD);
      await incoming.goto(`${kefu.baseUrl}/handover`);
      await incoming.locator('[data-testid="sign-incoming"]').click();
      await incoming.getByText('当前没有待签字的交接记录').waitFor();
      await incoming.locator('[data-testid="handover-search"] input').fill('5G 融合');
      await incoming.locator('.ant-table-row', { hasText: '双方已签字' }).first().waitFor();
      await shot(incoming, 'rosters-handover-signed');
      const history = await apiCall<{ items: { status: string; businessChanges: string }[] }>(kefu.baseUrl, 'leader2', 'GET', `/rosters/handovers?q=${encodeURIComponent('5G 融合套餐今日上线')}`);
      expect(history.json.items[0]).toMatchObject({ status: 'signed', businessChanges: '5G 融合套餐今日上线，资费口径见知识库' });
    } finally {
      await outgoing.context().close();
      await incoming.context().close();
    }
  });
});
