import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

/**
 * A small streaming tar.gz (POSIX ustar, PAX header for long names) writer and reader for backups:
 * regular files only, which is all a backup holds. No npm dependency.
 */

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date, type: '0' | 'x'): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name.slice(0, 99), 0, 'utf8');
  h.write(octal(0o600, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257, 'binary');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`);
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

export class TarGzWriter {
  private readonly gzip: Gzip = createGzip({ level: 6 });
  private readonly out: WriteStream;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    // A backup holds the key ring: readable by its owner only.
    this.out = createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(this.out);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }

  private async writeHeader(name: string, size: number, mtime: Date): Promise<void> {
    if (Buffer.byteLength(name) > 99 || /[^\x20-\x7e]/.test(name)) {
      const pax = paxRecord('path', name);
      await this.write(header('PaxHeader', pax.length, mtime, 'x'));
      await this.write(Buffer.concat([pax, padding(pax.length)]));
    }
    await this.write(header(name, size, mtime, '0'));
  }

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.writeHeader(name, data.length, mtime);
    await this.write(Buffer.concat([data, padding(data.length)]));
  }

  async addFile(name: string, path: string, size: number, mtime: Date): Promise<void> {
    await this.writeHeader(name, size, mtime);
    let written = 0;
    for await (const chunk of createReadStream(path)) {
      const buffer = chunk as Buffer;
      const part = buffer.subarray(0, Math.max(0, size - written));
      written += part.length;
      await this.write(part);
    }
    if (written !== size) throw new Error(`${path} changed while it was backed up`);
    await this.write(padding(size));
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await once(this.out, 'close');
  }
}

/** Where an entry goes: a file, a buffer handed back, or nowhere. */
export type EntryTarget = { file: string } | 'buffer' | 'skip';

function parseOctal(block: Buffer, start: number, width: number): number {
  const text = block.toString('latin1', start, start + width).replace(/\0.*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

function paxPath(data: Buffer): string | null {
  for (const line of data.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(line);
    if (match) return match[1]!;
  }
  return null;
}

/** Reads a tar.gz entry by entry; `route` decides per name where its content goes. Returns the buffered entries. */
export async function extractTarGz(file: string, route: (name: string) => EntryTarget): Promise<Map<string, Buffer>> {
  const buffers = new Map<string, Buffer>();
  let pending: Buffer = Buffer.alloc(0);
  let entry: { name: string; left: number; pad: number; target: EntryTarget; out: WriteStream | null; parts: Buffer[]; type: string } | null = null;
  let paxName: string | null = null;
  let ended = false;

  const finishEntry = async () => {
    if (!entry) return;
    if (entry.out) {
      entry.out.end();
      await once(entry.out, 'close');
    }
    const data = Buffer.concat(entry.parts);
    if (entry.type === 'x') paxName = paxPath(data);
    else if (entry.target === 'buffer') buffers.set(entry.name, data);
    entry = null;
  };

  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      if (ended) break;
      if (entry) {
        if (entry.left > 0) {
          if (pending.length === 0) break;
          const part = pending.subarray(0, Math.min(entry.left, pending.length));
          pending = pending.subarray(part.length);
          entry.left -= part.length;
          if (entry.out) {
            if (!entry.out.write(part)) await once(entry.out, 'drain');
          } else if (entry.target === 'buffer' || entry.type === 'x') entry.parts.push(Buffer.from(part));
          continue;
        }
        if (pending.length < entry.pad) break;
        pending = pending.subarray(entry.pad);
        await finishEntry();
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const type = String.fromCharCode(block[156]!) || '0';
      const size = parseOctal(block, 124, 12);
      const rawName = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const prefix = block.toString('utf8', 345, 500).replace(/\0.*$/s, '');
      const name = type === 'x' ? rawName : (paxName ?? (prefix ? `${prefix}/${rawName}` : rawName));
      if (type !== 'x') paxName = null;
      const target: EntryTarget = type === 'x' ? 'buffer' : type === '0' || type === '\0' ? route(name) : 'skip';
      let out: WriteStream | null = null;
      if (typeof target === 'object') {
        mkdirSync(dirname(target.file), { recursive: true });
        out = createWriteStream(target.file, { mode: 0o600 });
      }
      entry = { name, left: size, pad: padding(size).length, target, out, parts: [], type };
    }
  }
  await finishEntry();
  return buffers;
}
