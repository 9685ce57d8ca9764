// The HiGHS solver (WebAssembly), loaded once per process.
import highsModule, { type Highs, type InitOptions } from 'highs';

// highs is CommonJS (module.exports = loader) typed with an ES default export: take whichever the runtime gives.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as (options?: InitOptions) => Promise<Highs>;
let instance: Promise<Highs> | undefined;

export function highsSolver(): Promise<Highs> {
  instance ??= loadHighs();
  return instance!;
}

export interface LpSolution {
  status: string;
  objective: number;
  /** Best proven bound of the objective (the MIP dual bound; the optimum for an LP). */
  bound: number;
  values: Map<string, number>;
  seconds: number;
}

/** Solves a CPLEX-LP-format model; `names` are the columns to read back. */
export async function solveLp(lp: string, names: readonly string[], options: { timeLimit?: number; mipRelGap?: number } = {}): Promise<LpSolution> {
  const highs = await highsSolver();
  const started = performance.now();
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, time_limit: options.timeLimit ?? 30, mip_rel_gap: options.mipRelGap ?? 1e-4 });
    model.run();
    const status = String(model.getModelStatus());
    const colValue = model.getSolution().colValue;
    const values = new Map<string, number>();
    for (const name of names) values.set(name, colValue[model.getColByName(name)] ?? 0);
    const objective = model.getObjectiveValue();
    let bound = objective;
    try {
      const b = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(b)) bound = b;
    } catch {
      // An LP has no MIP bound: its optimum is the bound.
    }
    return { status, objective, bound, values, seconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
