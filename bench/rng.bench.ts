// Micro-benchmark of the torch-parity RNG (src/tensor/random): the two draws every model
// construction leans on — 1M float32 uniforms with Linear-style bounds (one fused multiply-add
// each) and 1M float32 normals through the vectorised Box–Muller fill — plus the raw mt19937
// rate. `npm run bench` collects the rows; each value is the best of a few runs, in ms.

import { Generator } from '../src/tensor/random/generator';
import { normal_ } from '../src/tensor/random/normal';
import { uniform_ } from '../src/tensor/random/uniform';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

const N = 1_000_000;

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export function runRngBench(runs = 5): BenchRow[] {
  const g = new Generator(0);
  const buf = new Float32Array(N);
  const bound = 1 / Math.sqrt(1024);
  let sink = 0;
  const raw = best(runs, () => {
    for (let i = 0; i < N; i++) sink ^= g.random();
  });
  const uni = best(runs, () => uniform_(g, 'float32', buf, -bound, bound));
  const nrm = best(runs, () => normal_(g, 'float32', buf, 0, 1));
  if (sink === 0.5) console.log(sink); // keep the raw loop observable
  return [
    { name: 'rng: 1M mt19937 uint32 draws', value: raw, unit: 'ms' },
    { name: 'rng: 1M float32 uniform_(±1/32)', value: uni, unit: 'ms' },
    { name: 'rng: 1M float32 normal_ (vector fill)', value: nrm, unit: 'ms' },
  ];
}

export default runRngBench;

// Direct run: `npx tsx bench/rng.bench.ts`
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of runRngBench()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
}
