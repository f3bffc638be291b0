// Test-only: compare autograd's gradients with central finite differences (float64 inputs).

import { withNoGrad } from '../../grad';
import { Tensor } from '../../tensor';
import { grad } from '../api';

export interface CheckResult {
  ok: boolean;
  maxErr: number;
  detail: string;
}

/** d(sum(f(xs) * w))/dxs by autograd vs. finite differences, w a fixed random-ish weight. */
export async function gradcheck(f: (xs: Tensor[]) => Tensor, xs: Tensor[], eps = 1e-6, atol = 1e-5, rtol = 1e-4): Promise<CheckResult> {
  const leaves = xs.map((x) => {
    const c = Tensor.fromArray(Float64Array.from(x.dataSync() as Float64Array), x.shape, 'float64');
    c.requiresGrad = true;
    return c;
  });
  const out = f(leaves);
  const n = out.numel();
  const w = Tensor.fromArray(Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 5) / 4), out.shape, 'float64');
  const analytic = await grad([out], leaves, [w], { allowUnused: true });
  const scalar = (ys: Tensor[]): number => {
    const o = withNoGrad(() => f(ys)).dataSync() as Float64Array;
    const wd = w.dataSync() as Float64Array;
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * wd[i];
    return s;
  };
  let maxErr = 0;
  let detail = '';
  for (let k = 0; k < leaves.length; k++) {
    const base = Float64Array.from(leaves[k].dataSync() as Float64Array);
    const a = analytic[k]?.dataSync() as Float64Array | undefined;
    for (let i = 0; i < base.length; i++) {
      const probe = (d: number): number => {
        const v = Float64Array.from(base);
        v[i] += d;
        const ys = leaves.map((l, j) => (j === k ? Tensor.fromArray(v, l.shape, 'float64') : l));
        return scalar(ys);
      };
      const num = (probe(eps) - probe(-eps)) / (2 * eps);
      const an = a ? a[i] : 0;
      const err = Math.abs(num - an);
      if (err > atol + rtol * Math.abs(num) && err > maxErr) detail = `input ${k}[${i}]: autograd ${an} vs numeric ${num}`;
      maxErr = Math.max(maxErr, err - rtol * Math.abs(num));
    }
  }
  return { ok: maxErr <= atol, maxErr, detail };
}

/**
 * Second order: H(xs) = Σ_k ⟨∂(Σ f(xs)·w)/∂x_k, v_k⟩ (first-order gradients taken with
 * create_graph), then ∂H/∂xs by autograd vs. central finite differences of H.
 */
export async function gradgradcheck(f: (xs: Tensor[]) => Tensor, xs: Tensor[], eps = 1e-5, atol = 1e-4, rtol = 1e-3): Promise<CheckResult> {
  const ramp = (n: number, a: number): Float64Array => Float64Array.from({ length: n }, (_, i) => a + ((i * 7) % 5) / 4);
  const H = async (vals: Float64Array[]): Promise<{ h: Tensor; leaves: Tensor[] }> => {
    const leaves = vals.map((v, k) => {
      const c = Tensor.fromArray(Float64Array.from(v), xs[k].shape, 'float64');
      c.requiresGrad = true;
      return c;
    });
    const out = f(leaves);
    const w = Tensor.fromArray(ramp(out.numel(), 0.5), out.shape, 'float64');
    const g1 = await grad([out], leaves, [w], { allowUnused: true, createGraph: true });
    let h: Tensor | null = null;
    g1.forEach((g, k) => {
      if (g === null) return;
      const v = Tensor.fromArray(ramp(g.numel(), -0.3), g.shape, 'float64');
      const term = sumAll(mulT(g, v));
      h = h === null ? term : addT(h, term);
    });
    return { h: h ?? Tensor.fromArray(new Float64Array([0]), [], 'float64'), leaves };
  };
  const base = xs.map((x) => Float64Array.from(x.dataSync() as Float64Array));
  const { h, leaves } = await H(base);
  const analytic = h.requiresGrad ? await grad([h], leaves, [], { allowUnused: true }) : leaves.map(() => null);
  let maxErr = 0;
  let detail = '';
  for (let k = 0; k < base.length; k++) {
    const a = analytic[k]?.dataSync() as Float64Array | undefined;
    for (let i = 0; i < base[k].length; i++) {
      const probe = async (d: number): Promise<number> => {
        const vals = base.map((b) => Float64Array.from(b));
        vals[k][i] += d;
        const r = await H(vals);
        return (r.h.dataSync() as Float64Array)[0];
      };
      const num = ((await probe(eps)) - (await probe(-eps))) / (2 * eps);
      const an = a ? a[i] : 0;
      const err = Math.abs(num - an);
      if (err > atol + rtol * Math.abs(num) && err > maxErr) detail = `input ${k}[${i}]: autograd ${an} vs numeric ${num}`;
      maxErr = Math.max(maxErr, err - rtol * Math.abs(num));
    }
  }
  return { ok: maxErr <= atol, maxErr, detail };
}

import { add as addT, mul as mulT } from '../../ops/arith';
import { sum as sumAll } from '../../ops/reduce';
