import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

function kefu(args: string[], lang = 'en_US.UTF-8'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kefu.mjs', 'staffing', ...args], { cwd: root, env: { ...process.env, LANG: lang, LC_ALL: '', KEFU_LOCALE: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npx kefu staffing', () => {
  it('prints exactly the staffing object with --json', async () => {
    const run = await kefu(['--calls', '100', '--interval-min', '30', '--aht', '180', '--target-sl', '0.8', '--target-t', '20', '--shrinkage', '0.3', '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['agents', 'staffWithShrinkage', 'serviceLevel', 'pWait', 'asa', 'occupancy']);
    expect(result).toMatchObject({ agents: 14, staffWithShrinkage: 20 });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('adds pAbandon with --patience, and evaluates --agents instead of searching', async () => {
    const [impatient, evaluated] = await Promise.all([
      kefu(['--calls', '100', '--interval-min', '30', '--aht', '180', '--target-sl', '0.8', '--target-t', '20', '--patience', '120', '--json']),
      kefu(['--calls', '100', '--interval-min', '30', '--aht', '180', '--target-sl', '0.8', '--target-t', '20', '--agents', '11', '--json']),
    ]);
    expect(impatient.code).toBe(0);
    expect(Object.keys(JSON.parse(impatient.stdout))).toEqual(['agents', 'staffWithShrinkage', 'serviceLevel', 'pWait', 'asa', 'occupancy', 'pAbandon']);
    expect(evaluated.code).toBe(0);
    const figures = JSON.parse(evaluated.stdout);
    expect(figures.agents).toBe(11);
    expect(figures.pWait).toBeCloseTo(0.6821, 4);
  });

  it('reports impossible inputs on one stderr line with exit code 2', async () => {
    const [unstable, range, missing, chinese] = await Promise.all([
      kefu(['--calls', '100', '--interval-min', '30', '--aht', '180', '--target-sl', '0.8', '--target-t', '20', '--agents', '10', '--json']),
      kefu(['--calls', '100', '--interval-min', '30', '--aht', '180', '--target-sl', '1.5', '--target-t', '20', '--json']),
      kefu(['--interval-min', '30', '--aht', '180', '--json']),
      kefu(['--calls', '-1', '--aht', '180', '--json'], 'zh_CN.UTF-8'),
    ]);
    for (const run of [unstable, range, missing, chinese]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(unstable.stderr).toMatch(/^error: Invalid input: without patience, agents must be more than the offered load.*\(offered load 10\.00 Erlangs\)/);
    expect(range.stderr).toMatch(/^error: Invalid input: --target-sl: /);
    expect(missing.stderr).toMatch(/--calls/);
    expect(chinese.stderr).toMatch(/^error: 输入有误：--calls: /);
  });
});
