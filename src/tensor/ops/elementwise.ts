// The one path every elementwise op takes: resolve dtypes with PyTorch's promotion (scalars as
// wrapped numbers), broadcast shapes, check in-place targets (shape, castability, leaf rules), run
// the table kernel on the output's backend (or, for a few float32 ops, PyTorch's float arithmetic:
// float32_kernels.ts, and where the vector loop and the scalar tail round differently,
// float32_split.ts; add/sub's twice-rounded tail elements: alpha_tail.ts; the fused ops on the
// half types in float, with add/sub's Half-arithmetic tails: half_tail.ts), and record the
// grad_fn. Public op functions (arith.ts, unary.ts, compare.ts) are thin wrappers that add each
// op's argument checks and defaults.

import { PyError } from '../../errors';
import type { DType } from '../dtype';
import { isFloating } from '../dtype';
import { backendFor, type Layout } from '../backend';
import '../cpu/backend';
import { domainFor } from '../cpu/elementwise';
import { checkInplace, recordInplace, recordOp, type GradNode } from '../grad';
import { checkCanCast, resultType, scalarTypeName, toFloatingDtype, type Operand } from '../promotion';
import { isScalar, scalarToBigInt, scalarToNumber, type Scalar } from '../scalar';
import { broadcastAll, broadcastStrides, shapeList } from '../shape';
import { Storage, type DeviceType } from '../storage';
import { Tensor } from '../tensor';
import { opDef, type ElementwiseDef } from './table';
import { FLOAT32_UNARY, runFloat32Unary } from './float32_kernels';
import { planAlphaTail } from './alpha_tail';
import { FLOAT32_SPLIT, runFloat32Split } from './float32_split';
import { bf16, f16 } from '../cpu/math';
import { planHalfAddTail } from './half_tail';

export type TensorOrScalar = Tensor | Scalar;

/** A 0-d tensor holding a scalar in `dtype` (PyTorch's wrapped number, already cast). */
export function scalarTensor(s: Scalar, dtype: DType): Tensor {
  const st = Storage.alloc(dtype, 1);
  if (dtype === 'int64') (st.data as BigInt64Array)[0] = typeof s === 'bigint' ? s : scalarToBigInt(s);
  else if (dtype === 'bool') (st.data as Uint8Array)[0] = scalarToNumber(s) !== 0 || Number.isNaN(scalarToNumber(s)) ? 1 : 0;
  else (st.data as Float64Array)[0] = scalarToNumber(s);
  return new Tensor(st, []);
}

const asOperand = (x: TensorOrScalar): Operand => (x instanceof Tensor ? { dtype: x.dtype, ndim: x.ndim } : x);

export interface ElementwiseOptions {
  /** Scalar parameters p0.. in op-table order (alpha, slope, min/max...). */
  params?: readonly Scalar[];
  /** In-place target (must be one of the inputs' memory or any tensor; written, version bumped). */
  out?: Tensor;
  /** grad_fn name override (e.g. selu records EluBackward0, `2 / x` records MulBackward0). */
  grad?: string | null;
  /** Force the compute dtype (e.g. pow with a float exponent). */
  compute?: DType;
}

/** Result of an op before it runs: compute dtype and result dtype. */
export function elementwiseDtypes(op: ElementwiseDef, inputs: readonly TensorOrScalar[], forced?: DType): { compute: DType; result: DType } {
  const promoted = op.name === 'where' ? inputs.slice(1) : inputs;
  const rt = forced ?? resultType(...promoted.map(asOperand));
  let compute = rt;
  if (op.rule === 'float') compute = toFloatingDtype(rt);
  if (op.rule === 'bitwise' && isFloating(compute))
    throw new PyError('RuntimeError', `"${op.intError}" not implemented for '${scalarTypeName(compute)}'`);
  if (op.intError !== undefined && op.rule !== 'bitwise' && !isFloating(compute)) {
    const kernel = compute === 'bool' ? (op.boolError ?? op.intError) : op.intError;
    throw new PyError('RuntimeError', `"${kernel}" not implemented for '${scalarTypeName(compute)}'`);
  }
  if (compute === 'bool' && op.boolMessage !== undefined) throw new PyError('RuntimeError', op.boolMessage);
  if (compute === 'bool' && op.boolError !== undefined && op.intError === undefined)
    throw new PyError('RuntimeError', `"${op.boolError}" not implemented for 'Bool'`);
  const result = op.rule === 'compare' || op.rule === 'logical' ? 'bool' : compute;
  return { compute, result };
}

/** Ops whose ATen CPU kernels take reduced-float operands to float, compute the whole expression
 * there (fmadd, lerp's two branches, addcmul's fused product) and round once to the half type. */
const OPMATH_FLOAT: ReadonlySet<string> = new Set(['add', 'sub', 'lerp', 'lerp_t', 'addcmul', 'addcdiv']);

/** Run elementwise op `name` on tensors/scalars; returns the new tensor (or `opts.out`). */
export function elementwise(name: string, inputs: readonly TensorOrScalar[], opts: ElementwiseOptions = {}): Tensor {
  const op = opDef(name);
  const tensors = inputs.filter((x): x is Tensor => x instanceof Tensor);
  const shape = broadcastAll(tensors.map((t) => t.shape));
  const dts = elementwiseDtypes(op, inputs, opts.compute);
  const result = dts.result;
  // the fused kernels on float16/bfloat16 compute in opmath (float) and round once into the
  // half type: the float32 loop, inputs widened exactly, the result cast on store
  const compute = (dts.compute === 'float16' || dts.compute === 'bfloat16') && OPMATH_FLOAT.has(op.name) ? 'float32' : dts.compute;
  const target = opts.out;
  if (target !== undefined) {
    if (shape.length > target.ndim || shape.some((d, i) => d !== target.shape[target.ndim - shape.length + i])) {
      const full = broadcastAll([target.shape, shape]);
      if (full.length !== target.ndim || full.some((d, i) => d !== target.shape[i]))
        throw new PyError('RuntimeError', `output with shape ${shapeList(target.shape)} doesn't match the broadcast shape ${shapeList(full)}`);
    }
    checkCanCast(result, target.dtype);
    checkInplace(target);
    if (target.device !== 'cpu' || tensors.some((t) => t.device !== 'cpu')) commonDevice([target, ...tensors]);
  }
  const out = target ?? Tensor.empty(shape, result, commonDevice(tensors));
  const layouts: Layout[] = inputs.map((x) => {
    if (x instanceof Tensor) {
      return { storage: x.storage, shape: out.shape, strides: broadcastStrides(x.shape, x.strides, out.shape), offset: x.offset, dtype: x.dtype };
    }
    const t = scalarTensor(x, op.name === 'where' ? compute : compute);
    return { storage: t.storage, shape: out.shape, strides: out.shape.map(() => 0), offset: 0, dtype: t.dtype };
  });
  const d = domainFor(op, compute);
  let params = (opts.params ?? []).map((p) => (d === 'l' ? scalarToBigInt(p) : scalarToNumber(p)));
  // add/sub take alpha as scalar_t (measured: alpha=0.3 acts as Half(0.3) = 0.30005) before the
  // float fmadd; lerp's weight and addcmul's value stay float
  if (compute !== dts.compute && (op.name === 'add' || op.name === 'sub')) {
    const toHalf = dts.compute === 'float16' ? f16 : bf16;
    params = params.map((p) => toHalf(Math.fround(Number(p))));
  }
  const f32Unary = compute === 'float32' && out.dtype === 'float32' && out.device === 'cpu' && inputs.length === 1 && inputs[0] instanceof Tensor;
  const f32 = f32Unary ? FLOAT32_UNARY[op.name] : undefined;
  // float32 kernels whose vector loop and scalar tail round differently (float32_split.ts)
  const split = f32Unary ? FLOAT32_SPLIT[op.name] : undefined;
  // add/sub with alpha round some tail elements twice where `other` is broadcast (alpha_tail.ts)
  const [x0, x1] = inputs;
  const tail = (op.name === 'add' || op.name === 'sub') && x0 instanceof Tensor && x1 instanceof Tensor && out.device === 'cpu'
    ? planAlphaTail(out, x0, x1, Number(params[0]), op.name === 'sub' ? -1 : 1, target === undefined)
    : null;
  // ... and add/sub on the half types round their scalar tails in Half arithmetic (half_tail.ts)
  const halfTail = compute !== dts.compute && (op.name === 'add' || op.name === 'sub') && out.device === 'cpu'
    ? planHalfAddTail(out, layouts[0], layouts[1], (op.name === 'sub' ? -1 : 1) * Number(params[0]), target === undefined)
    : null;
  if (split !== undefined) runFloat32Split(split, out, layouts[0], params.map(Number), target === undefined);
  else if (f32 !== undefined) runFloat32Unary(f32, out, layouts[0]);
  else backendFor(out.device).elementwise(op, out, layouts, compute, params);
  tail?.();
  halfTail?.();
  // grad_fn: scalar-last forms may record a different node (remainder(x, 2) → RemainderBackward0)
  const lastIsScalar = inputs.length > 1 && !(inputs[inputs.length - 1] instanceof Tensor);
  const gradName = opts.grad !== undefined ? opts.grad : lastIsScalar && op.gradScalar ? op.gradScalar : op.grad;
  let node: GradNode | null = null;
  if (target !== undefined) {
    target.bumpVersion();
    if (gradName !== null)
      node = recordInplace(gradName, target, tensors.filter((t) => t !== target));
  } else if (gradName !== null) node = recordOp(gradName, tensors, [out]);
  if (node !== null) {
    node.ctx.params = params.map(Number);
    node.ctx.scalars = inputs.map((x) => (x instanceof Tensor ? null : scalarToNumber(x)));
    if (target !== undefined) node.ctx.inplacePos = inputs.indexOf(target);
    if (op.name === 'gelu_tanh') node.ctx.approximate = 'tanh';
  }
  if (node !== null && op.saves) {
    for (const s of op.saves) {
      const t = s === 'result' ? out : inputs['abc'.indexOf(s)];
      if (t instanceof Tensor) node.save(t);
    }
  }
  return out;
}

/**
 * The device an op runs on: that of its tensors, where 0-d CPU tensors (wrapped scalars) may join
 * any device, as in PyTorch's TensorIterator. Mixed devices raise its error (CUDA's wording, with
 * our device string).
 */
export function commonDevice(tensors: readonly Tensor[]): DeviceType {
  let dev: DeviceType | null = null;
  for (const t of tensors) {
    if (t.ndim === 0 && t.device === 'cpu') continue;
    if (dev === null) dev = t.device;
    else if (t.device !== dev)
      throw new PyError('RuntimeError', `Expected all tensors to be on the same device, but found at least two devices, ${deviceString(dev)} and ${deviceString(t.device)}!`);
  }
  return dev ?? (tensors.length > 0 ? tensors[0].device : 'cpu');
}

/** PyTorch's printed device: 'cpu', and index 0 for an accelerator ('webgpu:0' like 'cuda:0'). */
export const deviceString = (d: DeviceType): string => (d === 'cpu' ? 'cpu' : `${d}:0`);

/** Normalize an operand: Python scalars pass through, everything else must be a Tensor. */
export function operand(x: unknown, what = 'other'): TensorOrScalar {
  if (x instanceof Tensor || isScalar(x)) return x;
  throw new PyError('TypeError', `${what} must be Tensor or Number`);
}
