// An Asterisk Manager Interface client for click-to-call: one short connection per call (connect, Login, Originate,
// Logoff). Calls are placed a few times a minute, so a connection each keeps nothing open to go stale.
import { connect, type Socket } from 'node:net';

export interface AmiConfig {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Dialplan context the agent's phone is connected into. */
  context: string;
  /** The agent's channel, `{ext}` replaced by their extension (PJSIP/{ext}, SIP/{ext}, Local/{ext}@from-internal). */
  channel: string;
  timeoutMs: number;
}

export interface OriginateRequest {
  extension: string;
  number: string;
  callerId?: string;
  variables?: Record<string, string>;
}

export class AmiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmiError';
  }
}

/** ami://user:secret@host:5038?context=from-internal&channel=PJSIP/{ext} */
export function parseAmiUrl(url: string): AmiConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AmiError(`invalid AMI address "${url}"`);
  }
  if (parsed.protocol !== 'ami:') throw new AmiError('the AMI address must start with ami://');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5038),
    username: decodeURIComponent(parsed.username),
    secret: decodeURIComponent(parsed.password),
    context: parsed.searchParams.get('context') ?? 'from-internal',
    channel: parsed.searchParams.get('channel') ?? 'PJSIP/{ext}',
    timeoutMs: Number(parsed.searchParams.get('timeout') ?? 5000),
  };
}

/** An AMI action as text: "Key: value" lines and a blank line; values cannot break out of their line. */
export function formatAction(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, ' ')}`).join('\r\n') + '\r\n\r\n';
}

/**
 * Parses the messages of a stream chunk by chunk: the banner line (what the PBX says first; none on the PBX's own
 * side, where onBanner is null), then blocks separated by blank lines.
 */
export function createAmiParser(onMessage: (message: Record<string, string>) => void, onBanner: ((line: string) => void) | null) {
  let buffer = '';
  let bannerSeen = onBanner === null;
  return (chunk: string) => {
    buffer += chunk;
    if (!bannerSeen) {
      const end = buffer.indexOf('\r\n');
      if (end < 0) return;
      onBanner?.(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      bannerSeen = true;
    }
    for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 4);
      const message: Record<string, string> = {};
      for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) message[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      onMessage(message);
    }
  };
}

export async function originateViaAmi(config: AmiConfig, request: OriginateRequest): Promise<{ actionId: string }> {
  const actionId = `kefu-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const socket: Socket = connect({ host: config.host, port: config.port });
  socket.setEncoding('utf8');
  const waiting = new Map<string, (m: Record<string, string>) => void>();
  const reply = (id: string) => new Promise<Record<string, string>>((resolve) => waiting.set(id, resolve));
  let failed: ((e: Error) => void) | null = null;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  const timer = setTimeout(() => failed?.(new AmiError(`no answer from the PBX within ${config.timeoutMs} ms`)), config.timeoutMs);
  let banner: (() => void) | null = null;
  const bannerSeen = new Promise<void>((resolve) => { banner = resolve; });
  socket.on('data', createAmiParser((m) => {
    const id = m.ActionID;
    if (id && waiting.has(id)) waiting.get(id)!(m);
  }, (line) => {
    if (!line.startsWith('Asterisk Call Manager')) failed?.(new AmiError(`not an Asterisk Manager Interface: "${line.slice(0, 60)}"`));
    banner?.();
  }));
  socket.on('error', (e) => failed?.(new AmiError(`cannot reach the PBX: ${e.message}`)));
  socket.on('close', () => failed?.(new AmiError('the PBX closed the connection')));
  const send = (fields: Array<[string, string]>) => socket.write(formatAction(fields));
  try {
    await Promise.race([bannerSeen, failure]);
    send([['Action', 'Login'], ['ActionID', `${actionId}-login`], ['Username', config.username], ['Secret', config.secret], ['Events', 'off']]);
    const login = await Promise.race([reply(`${actionId}-login`), failure]);
    if (login.Response !== 'Success') throw new AmiError(login.Message || 'login refused');
    const variables = Object.entries(request.variables ?? {}).map(([k, v]): [string, string] => ['Variable', `${k}=${v}`]);
    send([
      ['Action', 'Originate'], ['ActionID', actionId], ['Channel', config.channel.replaceAll('{ext}', request.extension)],
      ['Exten', request.number], ['Context', config.context], ['Priority', '1'],
      ...(request.callerId ? [['CallerID', request.callerId] as [string, string]] : []), ...variables, ['Async', 'true'],
    ]);
    const answer = await Promise.race([reply(actionId), failure]);
    if (answer.Response !== 'Success') throw new AmiError(answer.Message || 'originate refused');
    send([['Action', 'Logoff'], ['ActionID', `${actionId}-logoff`]]);
    // The call is queued already; a PBX that skips the goodbye only costs a short wait.
    await Promise.race([reply(`${actionId}-logoff`), failure, new Promise((r) => setTimeout(r, 1000))]).catch(() => {});
    return { actionId };
  } finally {
    failed = null;
    clearTimeout(timer);
    socket.end();
    socket.destroy();
  }
}
