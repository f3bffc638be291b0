// Random tensors: the engine's bit-exact samplers (src/tensor/random) wired into tensors — rand,
// randn, randint, randperm, normal, bernoulli, the *_like forms and the in-place fills (uniform_,
// normal_, bernoulli_, random_, exponential_). A sampler fills a typed array; a contiguous tensor
// passes its storage window (so n ≥ 16 normals take PyTorch's vectorised path), a strided view
// passes its element offsets in memory order (PyTorch's TensorIterator order for a fill).

import { PyError } from '../../../../errors';
import * as R from '../../../../tensor/random';
import type { Generator } from '../../../../tensor/random';
import type { ParsedArgs } from '../argparse/parse';
import { toEngineDtype } from '../types/dtype';
import { defaultGeneratorObject } from '../types/generator';
import * as E from '../tensor/engine';
import type { DType, StorageArray, Tensor } from '../tensor/engine';
import { factoryOptions } from './factories';
import { IMPLS } from './impls';

const gen = (a: ParsedArgs): Generator => (a.hasParam('generator') ? a.generator('generator') : null)?.gen ?? defaultGeneratorObject.gen;

/** Where a fill writes: the storage window of a contiguous tensor, or element offsets. */
function target(t: Tensor): { out: StorageArray; offsets?: number[] } {
  const n = t.numel();
  const data = t.storage.data;
  if (t.isContiguous()) return { out: data.subarray(t.offset, t.offset + n) as StorageArray };
  const offs: number[] = [];
  const walk = (d: number, base: number): void => {
    if (d === t.ndim) {
      offs.push(base);
      return;
    }
    for (let i = 0; i < t.shape[d]; i++) walk(d + 1, base + i * t.strides[d]);
  };
  walk(0, t.offset);
  offs.sort((x, y) => x - y);
  return { out: data, offsets: offs };
}

type FloatSampler = (g: Generator, dtype: DType, out: R.FloatArray, offsets?: number[]) => void;

function fillFloat(t: Tensor, op: string, f: FloatSampler, g: Generator): Tensor {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new PyError('NotImplementedError', `${op} on ${t.dtype} tensors is not supported in this playground`);
  }
  E.checkInplace(t);
  const { out, offsets } = target(t);
  f(g, t.dtype, out as R.FloatArray, offsets);
  t.bumpVersion();
  return t;
}

export const uniformFill = (t: Tensor, from: number, to: number, g: Generator): Tensor =>
  fillFloat(t, 'uniform_', (gg, d, o, offs) => R.uniform_(gg, d, o, from, to, offs), g);
export const normalFill = (t: Tensor, mean: number, std: number, g: Generator): Tensor =>
  fillFloat(t, 'normal_', (gg, d, o, offs) => R.normal_(gg, d, o, mean, std, offs), g);

function randomFill(t: Tensor, from: number | bigint, to: number | bigint | null, g: Generator): Tensor {
  E.checkInplace(t);
  const { out, offsets } = target(t);
  R.randomFromTo_(g, t.dtype, out, from, to, offsets);
  t.bumpVersion();
  return t;
}

function bernoulliFill(t: Tensor, p: number | Tensor, g: Generator): Tensor {
  E.checkInplace(t);
  const { out, offsets } = target(t);
  if (typeof p === 'number') R.bernoulliScalar_(g, out, p, offsets);
  else {
    const probs = E.expand(p, t.shape);
    const vals = Array.from(E.toDtype(E.contiguous(probs), p.dtype === 'float64' ? 'float64' : 'float32').dataSync() as ArrayLike<number>);
    R.bernoulliTensor_(g, out, vals, p.dtype, offsets);
  }
  t.bumpVersion();
  return t;
}

// ---- in-place methods ----------------------------------------------------------------------------

IMPLS.uniform_ = (t, a) => uniformFill(t, a.double('from'), a.double('to'), gen(a));
IMPLS.normal_ = (t, a) => normalFill(t, a.double('mean'), a.double('std'), gen(a));
IMPLS.random_ = (t, a) => {
  if (a.hasParam('from')) return randomFill(t, a.int('from'), a.optInt('to'), gen(a));
  if (a.hasParam('to')) return randomFill(t, 0, a.int('to'), gen(a));
  E.checkInplace(t);
  const { out, offsets } = target(t);
  R.random_(gen(a), t.dtype, out, offsets);
  t.bumpVersion();
  return t;
};
IMPLS.bernoulli_ = (t, a) => bernoulliFill(t, a.raw('p') instanceof E.Tensor ? a.tensor('p') : a.double('p'), gen(a));
IMPLS.exponential_ = (t, a) =>
  fillFloat(t, 'exponential_', (gg, d, o, offs) => R.exponential_(gg, d, o, a.double('lambd'), offs), gen(a));

// ---- factories ----------------------------------------------------------------------------------

const floatDefault = (d: DType | null | undefined): DType => d ?? E.getDefaultDtype();

IMPLS.rand = (_t, a) => {
  const o = factoryOptions(a);
  return finish(uniformFill(E.empty(a.intlist('size'), { ...o, dtype: floatDefault(o.dtype), requiresGrad: false }), 0, 1, gen(a)), o.requiresGrad);
};
IMPLS.randn = (_t, a) => {
  const o = factoryOptions(a);
  return finish(normalFill(E.empty(a.intlist('size'), { ...o, dtype: floatDefault(o.dtype), requiresGrad: false }), 0, 1, gen(a)), o.requiresGrad);
};
IMPLS.randint = (_t, a) => {
  const o = factoryOptions(a);
  const low = a.hasParam('low') ? a.int('low') : 0;
  const t = E.empty(a.intlist('size'), { ...o, dtype: o.dtype ?? 'int64', requiresGrad: false });
  return finish(randomFill(t, low, a.int('high'), gen(a)), o.requiresGrad);
};
IMPLS.randperm = (_t, a) => {
  const o = factoryOptions(a);
  const n = a.int('n');
  if (n < 0) throw new PyError('RuntimeError', `n must be non-negative, got${n}`);
  const t = E.empty([n], { ...o, dtype: o.dtype ?? 'int64', requiresGrad: false });
  R.randperm_(gen(a), t.dtype, t.storage.data);
  return finish(t, o.requiresGrad);
};
const likeOpts = (self: Tensor, a: ParsedArgs): { dtype: DType; requiresGrad: boolean } => {
  const v = a.dtypeArg('dtype');
  return { dtype: v === null ? self.dtype : toEngineDtype(v), requiresGrad: a.bool('requires_grad') };
};
IMPLS.rand_like = (self, a) => {
  const o = likeOpts(self, a);
  return finish(uniformFill(E.empty(self.shape, { dtype: o.dtype }), 0, 1, gen(a)), o.requiresGrad);
};
IMPLS.randn_like = (self, a) => {
  const o = likeOpts(self, a);
  return finish(normalFill(E.empty(self.shape, { dtype: o.dtype }), 0, 1, gen(a)), o.requiresGrad);
};
IMPLS.randint_like = (self, a) => {
  const o = likeOpts(self, a);
  const low = a.hasParam('low') ? a.int('low') : 0;
  return finish(randomFill(E.empty(self.shape, { dtype: o.dtype }), low, a.int('high'), gen(a)), o.requiresGrad);
};
IMPLS.normal = (_t, a) => {
  const meanT = a.raw('mean') instanceof E.Tensor ? a.tensor('mean') : null;
  const stdT = a.raw('std') instanceof E.Tensor ? a.tensor('std') : null;
  if (meanT === null && stdT === null) {
    const o = factoryOptions(a);
    const t = E.empty(a.intlist('size'), { ...o, dtype: floatDefault(o.dtype), requiresGrad: false });
    return finish(normalFill(t, a.double('mean'), a.double('std'), gen(a)), o.requiresGrad);
  }
  const shape = E.broadcastAll([meanT?.shape ?? [], stdT?.shape ?? []]);
  const dtype = (meanT ?? stdT)!.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') throw new PyError('NotImplementedError', `normal on ${dtype}`);
  const out = E.empty(shape, { dtype });
  const vals = (t: Tensor | null, k: string): number | number[] =>
    t === null ? a.double(k) : Array.from(E.toDtype(E.contiguous(E.expand(t, shape)), 'float64').dataSync() as Float64Array);
  R.normalWithTensors(gen(a), dtype, out.storage.data as R.FloatArray, vals(meanT, 'mean'), vals(stdT, 'std'));
  return out;
};
IMPLS.bernoulli = (self, a) => {
  const out = E.emptyLike(self);
  if (a.hasParam('p') && a.has('p')) return bernoulliFill(out, a.double('p'), gen(a));
  return bernoulliFill(out, self, gen(a));
};

function finish(t: Tensor, requiresGrad: boolean | undefined): Tensor {
  if (requiresGrad) t.requiresGrad = true;
  return t;
}

// ---- multinomial --------------------------------------------------------------------------------

const multinomialDtypeError = (d: DType): PyError =>
  new PyError('RuntimeError', `multinomial only supports floating-point dtypes for input, got: ${E.scalarTypeName(d)}`);
IMPLS.multinomial = (self, a) => {
  if (!E.isFloating(self.dtype)) throw multinomialDtypeError(self.dtype);
  if (self.ndim !== 1 && self.ndim !== 2) throw new PyError('RuntimeError', 'prob_dist must be 1 or 2 dim');
  const n = a.int('num_samples');
  const rows = self.ndim === 1 ? 1 : self.shape[0];
  const categories = self.shape[self.ndim - 1];
  const wide = self.dtype === 'float64';
  const probs = Array.from(E.toDtype(E.contiguous(self), wide ? 'float64' : 'float32').dataSync() as ArrayLike<number>);
  const drawn = R.multinomial(gen(a), probs, rows, categories, n, a.bool('replacement'), wide ? 'float64' : 'float32');
  return E.reshape(E.toDtype(E.tensor(Array.from(drawn), { dtype: 'float64' }), 'int64'), self.ndim === 1 ? [n] : [rows, n]);
};
