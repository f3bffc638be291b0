// Measures the elementwise path on the size the engine targets: two contiguous 1M-element float32
// tensors added (~1-3 ms). Prints the kernel alone (preallocated output), the in-place op and the
// full out-of-place op (whose extra cost is the fresh 4 MB allocation's page faults), as median
// and best of many runs. Not a test: speed lives in benches. Run: npx tsx src/tensor/cpu/add.perf.ts

import * as E from '../index';
import { runElementwise } from './elementwise';

const n = 1 << 20;
const a = E.Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i * 0.001), [n], 'float32');
const b = E.Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => i * 0.002), [n], 'float32');
const out = E.Tensor.empty([n], 'float32');
const add = E.opDef('add');

function bench(label: string, f: () => void): void {
  for (let i = 0; i < 30; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  ts.sort((x, y) => x - y);
  console.log(`${label.padEnd(34)} median ${ts[100].toFixed(3)} ms   best ${ts[0].toFixed(3)} ms`);
}

bench('kernel (preallocated out)', () => runElementwise(add, out, [a, b], 'float32', [1]));
bench('add_ (in place)', () => E.add_(out, b));
bench('add (new 1M float32 result)', () => E.add(a, b));
bench('new Float32Array(1M) + fill', () => new Float32Array(n).fill(1));
