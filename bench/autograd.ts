// Reverse-mode autograd's speed beside PyTorch 2.6's (issue 7 item 6): backward of
// Sequential(100 × [Linear(64,64), ReLU]) on x = [8, 64] with loss = out.sum(), and forward +
// backward, as median ms over many runs after a warm-up. The baseline is the oracle's run of
// oracle/autograd.pytorch.py on this machine (its JSON beside it). The model is built from the
// engine's ops (linear → AddmmBackward0 + TBackward0, relu → ReluBackward0), the path nn.Linear
// takes.

import { readFileSync } from 'node:fs';
import { Tensor } from '../src/tensor/tensor';
import { linear } from '../src/tensor/ops/linalg/matmul';
import { relu } from '../src/tensor/ops/unary';
import { sum } from '../src/tensor/ops/reduce';
import { defaultGenerator, randn } from '../src/tensor/random';
import { backward } from '../src/tensor/autograd';
import type { Row } from './engine';

const N = 100;
const RUNS = 60;
const WARMUP = 5;

function rand(shape: number[], scale: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = Float32Array.from(randn(defaultGenerator, n, 'float32'), (v) => v * scale);
  return Tensor.fromArray(d, shape, 'float32');
}
function param(shape: number[], scale: number): Tensor {
  const t = rand(shape, scale);
  t.requiresGrad = true;
  return t;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchAutograd(): Promise<Row[]> {
  const ws = Array.from({ length: N }, () => param([64, 64], 0.125));
  const bs = Array.from({ length: N }, () => param([64], 0.125));
  const x = rand([8, 64], 1);
  const forward = (): Tensor => {
    let h = x;
    for (let i = 0; i < N; i++) h = relu(linear(h, ws[i], bs[i]));
    return sum(h);
  };
  const zero = (): void => {
    for (const p of [...ws, ...bs]) p.grad = null;
  };
  const bwd: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    zero();
    const t0 = performance.now();
    const loss = forward();
    const t1 = performance.now();
    await backward([loss]);
    const t2 = performance.now();
    if (i >= WARMUP) {
      bwd.push(t2 - t1);
      both.push(t2 - t0);
    }
  }
  const base = JSON.parse(JSON.parse(readFileSync(new URL('./oracle/autograd.pytorch.json', import.meta.url), 'utf8')).stdout) as {
    backward_ms: number;
    forward_backward_ms: number;
  };
  return [
    { group: 'autograd', name: 'backward 100×Linear(64,64)+ReLU, x[8,64]', value: median(bwd), unit: 'ms', baseline: base.backward_ms, baselineName: 'PyTorch 2.6' },
    { group: 'autograd', name: 'forward+backward, same model', value: median(both), unit: 'ms', baseline: base.forward_backward_ms, baselineName: 'PyTorch 2.6' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchAutograd()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (PyTorch ${r.baseline?.toFixed(2)} ${r.unit}, ratio ${(r.value / r.baseline!).toFixed(2)}×)`);
}
