/**
 * CPU time of processes read from /proc, for "CPU per request" figures: unlike requests per second these barely
 * move when other work shares the machine, so two commits can be compared on a busy host.
 */
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';

export const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

/** utime + stime of a process, in clock ticks (KERNEL_ONLY=1: stime only, to see the system-call share). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (process.env.KERNEL_ONLY ? 0 : Number(fields[11])) + Number(fields[12]);
  } catch {
    return 0; // the process ended between listing and reading
  }
}

export function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** CPU ticks of the postmaster and every backend it forked (ended backends are not counted: keep connections pooled). */
export function clusterTicks(postmaster: number): number {
  let sum = cpuTicks(postmaster);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    try {
      if (parentOf(pid) === postmaster) sum += cpuTicks(pid);
    } catch {
      /* gone */
    }
  }
  return sum;
}

/** The postmaster's pid of a PostgreSQL server on this machine. */
export async function postmasterOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    return parentOf(backend);
  } finally {
    await client.end();
  }
}

/** Starts counting; `perUnit(n)` gives milliseconds of CPU per unit of work for the server, PostgreSQL and this process. */
export function cpuMeter(serverPid: number, postmaster: number) {
  const server = cpuTicks(serverPid);
  const db = clusterTicks(postmaster);
  const self = process.cpuUsage();
  return {
    perUnit(units: number) {
      const own = process.cpuUsage(self);
      return {
        server: (cpuTicks(serverPid) - server) / TICKS_PER_MS / units,
        postgres: (clusterTicks(postmaster) - db) / TICKS_PER_MS / units,
        generator: (own.user + own.system) / 1000 / units,
      };
    },
  };
}

export const formatCpu = (c: { server: number; postgres: number; generator: number }) =>
  `CPU per unit: server ${c.server.toFixed(3)} ms, PostgreSQL ${c.postgres.toFixed(3)} ms, load generator ${c.generator.toFixed(3)} ms`;
