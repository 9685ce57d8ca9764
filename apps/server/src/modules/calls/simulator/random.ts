// A small seeded PRNG (mulberry32) and the distributions of call traffic. Seeded runs repeat exactly.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  exponential(mean: number): number;
  /** Log-normal with the given mean and coefficient of variation (handle times are skewed to the right). */
  logNormal(mean: number, cv: number): number;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    // Box–Muller; 1 - u keeps log away from 0.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    exponential: (mean) => -mean * Math.log(1 - next()),
    logNormal: (mean, cv) => {
      const sigma2 = Math.log(1 + cv * cv);
      const mu = Math.log(mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * normal());
    },
  };
}
