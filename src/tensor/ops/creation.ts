// Factories: torch.tensor from nested Python data (dtype inference, ragged-input errors),
// zeros/ones/full/empty, arange (PyTorch's length rule), linspace/logspace (their values, bit for
// bit, come from ranges_cpu.ts), eye, and the *_like forms. Random factories live in
// random/ and are wired by the lead.

import { PyError } from '../../errors';
import { isFloating, type DType } from '../dtype';
import { getDefaultDtype } from '../promotion';
import { isScalar, scalarKind, scalarToNumber, type Scalar } from '../scalar';
import { checkSizeNonNegative, contiguousStrides, numelOf } from '../shape';
import { Storage, type DeviceType } from '../storage';
import { Tensor } from '../tensor';
import { castInto, emptyPreserving } from './copy';
import { scalarTensor } from './elementwise';
import { arangeValues, linspaceValues, logspaceValues } from './ranges_cpu';

export interface FactoryOptions {
  dtype?: DType | null;
  requiresGrad?: boolean;
  device?: DeviceType;
}

/** Nested Python data as the bindings hand it over (lists/tuples → arrays). */
export type NestedData = Scalar | Tensor | readonly NestedData[];

function finish(t: Tensor, opts: FactoryOptions): Tensor {
  if (opts.requiresGrad) {
    if (!isFloating(t.dtype))
      throw new PyError('RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients');
    t.requiresGrad = true;
  }
  return t;
}

/** torch.tensor(data, dtype=None, requires_grad=False). */
export function tensor(data: NestedData, opts: FactoryOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const out = Tensor.empty(data.shape, opts.dtype ?? data.dtype, opts.device);
    castInto(out, data);
    return finish(out, opts);
  }
  // 1) shape, from the first element at each depth (as PyTorch's compute_sizes)
  const shape: number[] = [];
  let probe: NestedData = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (probe instanceof Tensor) shape.push(...probe.shape);
  // 2) walk: check lengths, infer dtype, collect leaves
  const leaves: (Scalar | Tensor)[] = [];
  let kind = 0 as number; // bool 0 < int 1 < float 2
  let tensorDtype: DType | null = null;
  const walk = (x: NestedData, depth: number): void => {
    if (Array.isArray(x)) {
      if (depth >= shape.length) throw new PyError('TypeError', 'not a sequence');
      if (x.length !== shape[depth])
        throw new PyError('ValueError', `expected sequence of length ${shape[depth]} at dim ${depth} (got ${x.length})`);
      for (const e of x) walk(e, depth + 1);
      return;
    }
    if (x instanceof Tensor) {
      leaves.push(x);
      tensorDtype = tensorDtype === null ? x.dtype : tensorDtype;
      return;
    }
    if (depth < shape.length) throw new PyError('TypeError', 'not a sequence');
    if (!isScalar(x)) throw new PyError('TypeError', `Could not infer dtype of ${typeof x}`);
    const k = scalarKind(x);
    kind = Math.max(kind, k === 'bool' ? 0 : k === 'int' ? 1 : 2);
    leaves.push(x);
  };
  walk(data, 0);
  const empty = numelOf(shape) === 0;
  const inferred: DType = tensorDtype ?? (empty ? getDefaultDtype() : kind === 2 ? getDefaultDtype() : kind === 1 ? 'int64' : 'bool');
  const dtype = opts.dtype ?? inferred;
  const out = Tensor.empty(shape, dtype, opts.device);
  const arr = out.storage.data;
  let p = 0;
  for (const leaf of leaves) {
    if (leaf instanceof Tensor) {
      const n = leaf.numel();
      const dst = new Tensor(out.storage, leaf.shape, contiguousStrides(leaf.shape), p);
      castInto(dst, leaf);
      p += n;
    } else writeScalar(arr, p++, leaf, dtype);
  }
  return finish(out, opts);
}

function writeScalar(arr: Storage['data'], i: number, s: Scalar, dtype: DType): void {
  if (dtype === 'int64') {
    (arr as BigInt64Array)[i] =
      typeof s === 'bigint' ? BigInt.asIntN(64, s) : typeof s === 'boolean' ? BigInt(s) : BigInt(Math.trunc(scalarToNumber(s)));
    return;
  }
  const v = scalarToNumber(s);
  const range = INT_RANGE[dtype];
  if (range !== undefined && (v < range[0] || v > range[1]))
    throw new PyError('RuntimeError', `value cannot be converted to type ${dtype} without overflow`);
  if (dtype === 'bool') (arr as Uint8Array)[i] = v !== 0 || Number.isNaN(v) ? 1 : 0;
  else (arr as Float64Array)[i] = v;
}

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127],
  uint8: [-Infinity, 255], // negative values wrap (oracle: -1 → 255, -129 → 127); only > 255 raises
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

const dtypeOr = (opts: FactoryOptions, d: DType = getDefaultDtype()): DType => opts.dtype ?? d;

export function empty(shape: readonly number[], opts: FactoryOptions = {}): Tensor {
  checkSizeNonNegative(shape);
  return finish(Tensor.empty(shape, dtypeOr(opts), opts.device), opts);
}

export function zeros(shape: readonly number[], opts: FactoryOptions = {}): Tensor {
  return empty(shape, opts);
}

export function ones(shape: readonly number[], opts: FactoryOptions = {}): Tensor {
  return full(shape, 1, { ...opts, dtype: dtypeOr(opts) });
}

/** torch.full: the dtype follows the fill value (bool → bool, int → int64, float → default). */
export function full(shape: readonly number[], value: Scalar, opts: FactoryOptions = {}): Tensor {
  checkSizeNonNegative(shape);
  const k = scalarKind(value);
  const dtype = opts.dtype ?? (k === 'bool' ? 'bool' : k === 'int' ? 'int64' : getDefaultDtype());
  const t = Tensor.empty(shape, dtype, opts.device);
  castInto(t, scalarTensor(value, k === 'bool' ? 'bool' : k === 'int' ? 'int64' : 'float64'));
  return finish(t, opts);
}

/** *_like: shape (and dense strides) of `t`, dtype of `t` unless given. */
export function emptyLike(t: Tensor, opts: FactoryOptions = {}): Tensor {
  return finish(emptyPreserving(t, opts.dtype ?? t.dtype), opts);
}
export const zerosLike = emptyLike;
export function onesLike(t: Tensor, opts: FactoryOptions = {}): Tensor {
  return fullLike(t, 1, opts);
}
export function fullLike(t: Tensor, value: Scalar, opts: FactoryOptions = {}): Tensor {
  const out = emptyPreserving(t, opts.dtype ?? t.dtype);
  const k = scalarKind(value);
  castInto(out, scalarTensor(value, k === 'bool' ? 'bool' : k === 'int' ? 'int64' : 'float64'));
  return finish(out, opts);
}

/** torch.arange(start, end, step): int64 when all are ints, else the default float dtype. */
export function arange(start: Scalar, end?: Scalar, step: Scalar = 1, opts: FactoryOptions = {}): Tensor {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  const allInt = [start, end, step].every((s) => scalarKind(s) !== 'float');
  const dtype = opts.dtype ?? (allInt ? 'int64' : getDefaultDtype());
  const s = scalarToNumber(start);
  const e = scalarToNumber(end);
  const st = scalarToNumber(step);
  if (st === 0) throw new PyError('RuntimeError', 'step must be nonzero');
  if (!Number.isFinite(s) || !Number.isFinite(e))
    throw new PyError('RuntimeError', `unsupported range: ${s} -> ${e}`);
  if ((st > 0 && e < s) || (st < 0 && e > s))
    throw new PyError('RuntimeError', 'upper bound and larger bound inconsistent with step sign');
  // PyTorch computes the length in double: ceil((end - start) / step)
  const n = Math.max(Math.ceil((e - s) / st), 0);
  const out = Tensor.empty([n], dtype, opts.device);
  const arr = out.storage.data;
  if (dtype === 'int64') for (let i = 0; i < n; i++) (arr as BigInt64Array)[i] = BigInt(s + i * st);
  else castInto(out, Tensor.fromArray(arangeValues(s, st, n, dtype), [n], 'float64'));
  return finish(out, opts);
}

/** A 1-d tensor of `dtype` holding values computed exactly in that dtype (ranges_cpu.ts). */
function filled(values: Float64Array, dtype: DType, device?: DeviceType): Tensor {
  const out = Tensor.empty([values.length], dtype, device);
  castInto(out, Tensor.fromArray(values, [values.length], 'float64'));
  return out;
}

/** torch.linspace: PyTorch's CPU kernel (halfway split, arithmetic in the output's type). */
export function linspace(start: Scalar, end: Scalar, steps: number, opts: FactoryOptions = {}): Tensor {
  if (steps < 0) throw new PyError('RuntimeError', 'number of steps must be non-negative');
  const dtype = dtypeOr(opts);
  return finish(filled(linspaceValues(scalarToNumber(start), scalarToNumber(end), steps, dtype), dtype, opts.device), opts);
}

export function logspace(start: Scalar, end: Scalar, steps: number, base = 10, opts: FactoryOptions = {}): Tensor {
  if (steps < 0) throw new PyError('RuntimeError', 'number of steps must be non-negative');
  const dtype = dtypeOr(opts);
  return finish(filled(logspaceValues(scalarToNumber(start), scalarToNumber(end), steps, base, dtype), dtype, opts.device), opts);
}

export function eye(n: number, m: number = n, opts: FactoryOptions = {}): Tensor {
  if (n < 0) throw new PyError('RuntimeError', `n must be greater or equal to 0, got ${n}`);
  if (m < 0) throw new PyError('RuntimeError', `m must be greater or equal to 0, got ${m}`);
  const out = Tensor.empty([n, m], dtypeOr(opts), opts.device);
  const one = scalarTensor(1, out.dtype);
  for (let i = 0; i < Math.min(n, m); i++) castInto(new Tensor(out.storage, [], [], i * m + i), one);
  return finish(out, opts);
}

/** A tensor over a copy of (or, with `share`, directly over) a typed array. */
export function fromTypedArray(data: Storage['data'], shape: readonly number[], dtype: DType, share = false): Tensor {
  const arr = share ? data : data.slice();
  return Tensor.fromArray(arr as Storage['data'], shape, dtype);
}
