// Agreement cases generated from the op table: every elementwise entry, run through the public
// `elementwise()` path on CPU tensors and on 'webgpu' tensors, for float32 (dense and strided/
// broadcast layouts), int32 and bool; errors must agree too. Plus in-place cases on views (the
// write lands in the shared GPU buffer; the version counter bumps as on the CPU) and dtype-exactness
// cases (float64/int64 on the webgpu device are never rounded).

import type { DType } from '../../dtype';
import { allocStorageArray } from '../../dtype';
import { toDevice } from '../../ops/copy';
import { elementwise } from '../../ops/elementwise';
import { ELEMENTWISE, type ElementwiseDef } from '../../ops/table';
import type { Scalar } from '../../scalar';
import { Storage } from '../../storage';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { withHostSync } from '../index';
import { compareTensors, counting, countingAsync, lcg, type CaseResult } from './compare';

const SPECIAL_F = [0, -0, 1, -1, 0.5, -0.5, 2.5, -2.5, 3, Infinity, -Infinity, NaN, 1e-3, -7.25];

function values(dtype: DType, n: number, seed: number, big = true): Tensor {
  const r = lcg(seed);
  const arr = allocStorageArray(dtype, n);
  for (let i = 0; i < n; i++) {
    if (dtype === 'float32') (arr as Float32Array)[i] = i < SPECIAL_F.length && seed % 2 === 1 ? SPECIAL_F[i] : (r() - 0.5) * 6;
    else if (dtype === 'int32') (arr as Int32Array)[i] = big && i === 3 ? 2147483647 : big && i === 5 ? 100003 : Math.floor((r() - 0.5) * 40);
    else if (dtype === 'bool') (arr as Uint8Array)[i] = r() < 0.5 ? 1 : 0;
    else if (dtype === 'float64') (arr as Float64Array)[i] = (r() - 0.5) * 6 + 1e-12;
    else if (dtype === 'int64') (arr as BigInt64Array)[i] = BigInt(Math.floor((r() - 0.5) * 40)) * 1000000000000n + 7n;
  }
  return Tensor.fromArray(arr, [n], dtype);
}

/** Parameters per op (ints where the compute domain is integral). */
function paramsFor(op: ElementwiseDef, intDomain: boolean): Scalar[] {
  const byName: Record<string, Scalar[]> = {
    add: [intDomain ? 2 : 0.5], sub: [intDomain ? 3 : 1.5], clamp: intDomain ? [-5, 7] : [-1, 1.5], hardtanh: intDomain ? [-5, 7] : [-1, 1],
    leaky_relu: [0.1], elu: [1.0, 1.0, 1.0], softplus: [1, 20], nan_to_num: [0, 100, -100], pow_scalar: [intDomain ? 3 : 2.5],
    rpow_scalar: [2], round_decimals: [2], lerp: [0.3], addcmul: [intDomain ? 2 : 0.5], addcdiv: [0.5],
  };
  return (byName[op.name] ?? []).slice(0, op.params ?? 0);
}

type Layout = 'dense' | 'strided';

/** The (dtype, layout) runs of every table op; case names are `elementwise <op> <dtype> <layout>`. */
export const ELEMENTWISE_PLAN: readonly [DType, Layout][] = [
  ['float32', 'dense'],
  ['float32', 'strided'],
  ['int32', 'strided'],
  ['bool', 'strided'],
];

/** Integer kernels that run on the CPU side by design: they must raise ZeroDivisionError (or
 * compute exactly beyond 2^31) as the CPU does, which a GPU thread cannot. */
export const CPU_SIDE_INT_OPS: readonly string[] = ['div_floor', 'div_trunc', 'floor_divide', 'remainder', 'fmod', 'pow', 'pow_scalar', 'rpow_scalar'];

export const INPLACE_CASES: readonly string[] = [
  'in-place add_ on a column view',
  'in-place relu_ on a transposed view',
  'in-place mul_ by itself (same buffer read and written)',
  'in-place clamp_ twice then copy_ from a view',
  'exact float64 add on the webgpu device',
  'exact int64 add on the webgpu device',
  'in-place add_ on a tensor whose values are only on the host',
];

/** The op's inputs on the CPU: dense [67] operands, or a transposed [7,33] view with [33] and [7,1]
 * operands broadcast against it. */
function inputsFor(op: ElementwiseDef, dtype: DType, layout: Layout, seed: number): Tensor[] {
  const out: Tensor[] = [];
  for (let k = 0; k < op.arity; k++) {
    const dt = op.name === 'where' && k === 0 ? 'bool' : dtype;
    // wrapping cases for integer arithmetic; transcendental (float-rule) ops of 2^31 are beyond an
    // f32 argument reduction (documented limit), so those get ordinary magnitudes
    const big = op.rule !== 'float' && k === 0;
    if (layout === 'dense') out.push(values(dt, 67, seed + k, big));
    else {
      const n = k === 0 ? 231 : k === 1 ? 33 : 7;
      const base = values(dt, n, seed + k, big);
      if (k === 0) out.push(new Tensor(base.storage, [7, 33], [1, 7], 0));
      else if (k === 1) out.push(base);
      else out.push(new Tensor(base.storage, [7, 1], [1, 1], 0));
    }
  }
  return out;
}

/** The same tensors on the webgpu device, with the same strides (views of moved bases). */
function onGpu(ts: readonly Tensor[]): Tensor[] {
  return ts.map((t) => {
    const base = toDevice(new Tensor(t.storage, [t.storage.size]), 'webgpu');
    return new Tensor(base.storage, t.shape, t.strides, t.offset);
  });
}

/** Run the op as the evaluator will: a HostSyncNeeded (CPU-side kernel on GPU-resident values)
 * is answered by downloading and calling again. */
async function run(op: ElementwiseDef, inputs: Tensor[], dtype: DType): Promise<Tensor | string> {
  const intDomain = dtype !== 'float32' && op.rule !== 'float';
  try {
    return await withHostSync(() => elementwise(op.name, inputs, { params: paramsFor(op, intDomain) }));
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

export async function elementwiseCases(ctx: GpuContext): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let seed = 1;
  for (const op of ELEMENTWISE) {
    for (const [dtype, layout] of ELEMENTWISE_PLAN) {
      seed += 2;
      const name = `elementwise ${op.name} ${dtype} ${layout}`;
      const cpuIn = inputsFor(op, dtype, layout, seed);
      const gpuIn = onGpu(cpuIn);
      const cpu = await run(op, cpuIn, dtype);
      const g = await countingAsync(ctx, () => run(op, gpuIn, dtype));
      let detail: string | null;
      if (typeof cpu === 'string' || typeof g.value === 'string') detail = cpu === g.value ? null : `cpu: ${String(cpu)} / gpu: ${String(g.value)}`;
      else detail = await compareTensors(g.value, cpu);
      results.push({ name, ok: detail === null, detail: detail ?? (typeof cpu === 'string' ? `both raise ${cpu}` : ''), dispatches: g.dispatches, cpuOps: g.cpuOps });
    }
  }
  results.push(...(await inplaceCases(ctx)));
  return results;
}

async function inplaceCases(ctx: GpuContext): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const mk = (dev: 'cpu' | 'webgpu'): Tensor => {
    const t = values('float32', 48, 99);
    return dev === 'cpu' ? t : toDevice(t, 'webgpu');
  };
  const specs: [string, (base: Tensor) => void][] = [
    ['add_ on a column view', (b) => elementwise('add', [new Tensor(b.storage, [8], [6], 2, b.versionCounter), 1.5], { params: [1], out: new Tensor(b.storage, [8], [6], 2, b.versionCounter) })],
    ['relu_ on a transposed view', (b) => {
      const v = new Tensor(b.storage, [6, 8], [1, 6], 0, b.versionCounter);
      elementwise('relu', [v], { out: v });
    }],
    ['mul_ by itself (same buffer read and written)', (b) => {
      elementwise('mul', [b, b], { out: b });
    }],
    ['clamp_ twice then copy_ from a view', (b) => {
      elementwise('clamp', [b], { params: [-1, 1], out: b });
      elementwise('clamp', [b], { params: [-0.5, 2], out: b });
      const v = new Tensor(b.storage, [24], [2], 0, b.versionCounter);
      elementwise('copy', [new Tensor(b.storage, [24], [2], 1, b.versionCounter)], { out: v });
    }],
  ];
  for (const [label, f] of specs) {
    const c = mk('cpu');
    const g = mk('webgpu');
    const v0 = g.version;
    f(c);
    const r = counting(ctx, () => f(g));
    let detail = await compareTensors(g, c);
    if (detail === null && g.version - v0 !== c.version) detail = `version ${g.version - v0} vs cpu ${c.version}`;
    out.push({ name: `in-place ${label}`, ok: detail === null, detail: detail ?? `version ${c.version}`, dispatches: r.dispatches, cpuOps: r.cpuOps });
  }
  // float64 / int64 on the webgpu device: exact (kept on the host side), never rounded to 32 bits
  for (const dtype of ['float64', 'int64'] as const) {
    const a = values(dtype, 20, 5);
    const b = values(dtype, 20, 6);
    const cpu = elementwise('add', [a, b], { params: [1] });
    const ga = toDevice(a, 'webgpu');
    const gb = toDevice(b, 'webgpu');
    const r = counting(ctx, () => elementwise('add', [ga, gb], { params: [1] }));
    const gv = await r.value.data();
    const cv = cpu.dataSync();
    const exact = gv.length === cv.length && Array.from(gv as ArrayLike<number | bigint>).every((x, i) => x === cv[i]);
    out.push({ name: `exact ${dtype} add on the webgpu device`, ok: exact && r.value.device === 'webgpu', detail: exact ? 'bit-identical to the CPU' : 'values differ', dispatches: r.dispatches, cpuOps: r.cpuOps });
  }
  // x.add_(y) where x was filled on the host and never uploaded: the kernel reads its own output,
  // so the host values must reach the GPU first (a covering write would drop them)
  {
    const c = values('float32', 48, 7);
    const g = new Tensor(Storage.alloc('float32', 48, 'webgpu'), [48]);
    (g.storage.data as Float32Array).set(c.dataSync() as Float32Array);
    const y = values('float32', 48, 8);
    const cpu = elementwise('add', [c, y], { params: [1] });
    const gy = toDevice(y, 'webgpu');
    const r = counting(ctx, () => elementwise('add', [g, gy], { params: [1], out: g }));
    const detail = await compareTensors(g, cpu);
    out.push({ name: 'in-place add_ on a tensor whose values are only on the host', ok: detail === null, detail: detail ?? 'agrees', dispatches: r.dispatches, cpuOps: r.cpuOps });
  }
  return out;
}
