import { resolve } from 'node:path';
// @ts-expect-error untyped
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { startServer } from './lib/http-load.js';
const cluster = await startPgCluster({ log: () => {} });
const server = await startServer({ DATABASE_URL: cluster.url, KEFU_CTI_TOKEN: 'bench-cti-token-0123456789abcdef', KEFU_DATA_DIR: resolve('bench/.data/cti-files') });
const url = `${server.baseUrl}/api/v1/cti/bench-cti-token-0123456789abcdef`;
for (const round of [0, 1]) {
  const lat: number[] = [];
  for (let i = 0; i < 600; i++) {
    const t0 = performance.now();
    const ev = ['newCall', 'answer', 'hangup'][i % 3];
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: ev, direction: 'in', callId: `p${round}-${Math.floor(i / 3)}`, from: '13900000001', to: '400', answeringNumber: ev === 'newCall' ? undefined : '8001' }) });
    await r.arrayBuffer();
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  console.log(`round ${round}: p50 ${lat[300]!.toFixed(1)} p95 ${lat[570]!.toFixed(1)} p99 ${lat[594]!.toFixed(1)} max ${lat[599]!.toFixed(1)}`);
}
await server.stop();
cluster.stop();
