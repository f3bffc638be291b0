// Timing and data helpers shared by every bench (engine.ts, webgpu.ts and the browser page in
// ./browser/entry.ts — so this file imports nothing): best-of-windows timers
// (one warm-up call, then the best of three windows of at least `minSeconds` each — best-of keeps
// numbers meaningful when other processes share the machine), a seeded input generator, and the
// error measure used to check every timed result against our CPU result first.

/** Deterministic uniform values in [-0.5, 0.5) (an LCG: the same inputs on every run). */
export function randomF32(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 4294967296 - 0.5;
  }
  return a;
}

/** Largest |x − ref| / (1 + |ref|) (∞ on a length mismatch or a NaN). */
export function maxRelDiff(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (x.length !== ref.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - ref[i]) / (1 + Math.abs(ref[i]));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** Best seconds per call of an async `fn` (minSeconds 0: single calls). */
export async function bestSecondsAsync(fn: () => Promise<void>, minSeconds: number, windows = 3): Promise<number> {
  await fn();
  let best = Infinity;
  for (let w = 0; w < windows; w++) {
    let reps = 0;
    const t0 = performance.now();
    let el = 0;
    do {
      await fn();
      reps++;
      el = (performance.now() - t0) / 1000;
    } while (el < minSeconds);
    best = Math.min(best, el / reps);
  }
  return best;
}

/**
 * Best seconds per call of each async function, their windows interleaved (a, b, c, a, b, c, ...)
 * so that load from other processes falls on all of them alike — the ratio between them is what
 * the bench reports.
 */
export async function bestSecondsInterleaved(fns: (() => Promise<void>)[], minSeconds: number, windows = 4): Promise<number[]> {
  for (const fn of fns) await fn();
  const best = fns.map(() => Infinity);
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < fns.length; i++) {
      let reps = 0;
      const t0 = performance.now();
      let el = 0;
      do {
        await fns[i]();
        reps++;
        el = (performance.now() - t0) / 1000;
      } while (el < minSeconds);
      best[i] = Math.min(best[i], el / reps);
    }
  }
  return best;
}

/** Best seconds per call of a synchronous `fn`. */
export function bestSecondsSync(fn: () => void, minSeconds: number, windows = 3): number {
  fn();
  let best = Infinity;
  for (let w = 0; w < windows; w++) {
    let reps = 0;
    const t0 = performance.now();
    let el = 0;
    do {
      fn();
      reps++;
      el = (performance.now() - t0) / 1000;
    } while (el < minSeconds);
    best = Math.min(best, el / reps);
  }
  return best;
}
