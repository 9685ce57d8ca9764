// Escalation notifications: the message, and its delivery on screen (live bus), by e-mail (SMTP) and to WeCom
// (企业微信) and DingTalk (钉钉) group robots in their webhook formats. Each delivery is one job (retried with
// backoff by the job queue), enqueued in the transaction that takes the escalation step.
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { SlaNotifyChannel } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { LiveBus } from '../../lib/live/live-bus.js';

export const SLA_NOTIFY_JOB = 'sla.notify';

export interface EscalationNotice {
  tenantId: number;
  ticketId: number;
  number: string;
  subject: string;
  percent: number;
  notify: string;
  userIds: number[];
  emails: string[];
  resolutionDueAt: string | null;
}

export interface NotifyJobPayload {
  channel: SlaNotifyChannel;
  notice: EscalationNotice;
}

const RECIPIENT_ZH: Record<string, string> = { owner: '处理人', shift_leader: '值班长', manager: '客服经理' };

export function noticeTitle(n: EscalationNotice): string {
  return n.percent >= 100 ? `【SLA 超时】工单 ${n.number} 已超出解决时限 (${n.percent}%)` : `【SLA 预警】工单 ${n.number} 已用去解决时限的 ${n.percent}%`;
}

export function noticeLines(n: EscalationNotice): string[] {
  return [
    `工单：${n.number} ${n.subject}`,
    `解决时限：${n.resolutionDueAt ?? '暂停中'}`,
    `升级至：${RECIPIENT_ZH[n.notify] ?? n.notify}`,
  ];
}

/** WeCom group robot: POST {base}?key=… with a markdown message. */
export function wecomPayload(n: EscalationNotice) {
  return { msgtype: 'markdown', markdown: { content: [`**${noticeTitle(n)}**`, ...noticeLines(n).map((l) => `> ${l}`)].join('\n') } };
}

/** DingTalk group robot: POST {base}?access_token=… with a markdown message (title shows in the notification). */
export function dingtalkPayload(n: EscalationNotice) {
  return { msgtype: 'markdown', markdown: { title: noticeTitle(n), text: [`#### ${noticeTitle(n)}`, ...noticeLines(n).map((l) => `- ${l}`)].join('\n') } };
}

/** DingTalk's "加签" signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), sent URL-encoded with the timestamp. */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export interface NotifySettings {
  smtpUrl: string | null;
  mailFrom: string;
  wecomBaseUrl: string;
  dingtalkBaseUrl: string;
  /** Per tenant: the robots' keys (from tenant settings `sla`). */
  /** `db` is the job's transaction: on PGlite the only connection is held by it. */
  robots: (db: Kysely<DB>, tenantId: number) => Promise<{ wecomKey?: string; dingtalkToken?: string; dingtalkSecret?: string }>;
  live: LiveBus;
  now?: () => number;
}

export function notifySettingsFromEnv(env: NodeJS.ProcessEnv, rest: Pick<NotifySettings, 'robots' | 'live'>): NotifySettings {
  return {
    smtpUrl: env.KEFU_SMTP_URL || null,
    mailFrom: env.KEFU_MAIL_FROM || 'Kefu <kefu@localhost>',
    wecomBaseUrl: env.KEFU_WECOM_WEBHOOK_URL || 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
    dingtalkBaseUrl: env.KEFU_DINGTALK_WEBHOOK_URL || 'https://oapi.dingtalk.com/robot/send',
    ...rest,
  };
}

async function postRobot(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`robot answered HTTP ${response.status}`);
  // Both robots answer 200 with {errcode, errmsg}; a non-zero errcode (bad key, rate limit 20/min) is a failure to retry.
  let answer: { errcode?: number; errmsg?: string } = {};
  try { answer = JSON.parse(text); } catch { /* a proxy or test receiver may answer plain text */ }
  if (answer.errcode !== undefined && answer.errcode !== 0) throw new Error(`robot error ${answer.errcode}: ${answer.errmsg ?? ''}`);
}

const transports = new Map<string, Transporter>();

/** Delivers one notification; throws to have the job retried. */
export async function deliverNotice(settings: NotifySettings, payload: NotifyJobPayload, db: Kysely<DB>): Promise<void> {
  const { channel, notice } = payload;
  switch (channel) {
    case 'live':
      await settings.live.publish({ tenantId: notice.tenantId, topic: 'sla.escalation', userIds: notice.userIds, payload: Object.assign({}, notice, { title: noticeTitle(notice) }) });
      return;
    case 'email': {
      if (!settings.smtpUrl || notice.emails.length === 0) return; // nothing to send to: not an error worth retrying
      let transport = transports.get(settings.smtpUrl);
      if (!transport) {
        transport = nodemailer.createTransport(settings.smtpUrl);
        transports.set(settings.smtpUrl, transport);
      }
      await transport.sendMail({ from: settings.mailFrom, to: notice.emails, subject: noticeTitle(notice), text: noticeLines(notice).join('\n') });
      return;
    }
    case 'wecom': {
      const { wecomKey } = await settings.robots(db, notice.tenantId);
      if (!wecomKey) return;
      await postRobot(`${settings.wecomBaseUrl}?key=${encodeURIComponent(wecomKey)}`, wecomPayload(notice));
      return;
    }
    case 'dingtalk': {
      const { dingtalkToken, dingtalkSecret } = await settings.robots(db, notice.tenantId);
      if (!dingtalkToken) return;
      let url = `${settings.dingtalkBaseUrl}?access_token=${encodeURIComponent(dingtalkToken)}`;
      if (dingtalkSecret) {
        const timestamp = (settings.now ?? Date.now)();
        url += `&timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(dingtalkSecret, timestamp))}`;
      }
      await postRobot(url, dingtalkPayload(notice));
      return;
    }
    default: {
      const unknownChannel: never = channel;
      throw new Error(`unknown channel ${String(unknownChannel)}`);
    }
  }
}

export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
