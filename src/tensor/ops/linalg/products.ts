// The matrix products PyTorch names as ATen ops — mm, addmm, mv, addmv, dot, bmm, baddbmm — with
// their argument checks, error texts (asked of the oracle, fixtures/matmul_cases.oracle.py),
// grad_fn records, and the kernel call. The composite entry points (matmul, linear, outer) live
// in matmul.ts and are built from these exactly as ATen builds them, so grad_fn names follow.
//
// Where an addend (bias, beta·C) enters the float32 sum follows reference BLAS as PyTorch calls
// it (see kernels/operand.ts): PyTorch hands a row-major result to column-major BLAS by swapping
// the operands, so the addend comes last when mat2 is stored transposed (nn.Linear's weight.t())
// and first otherwise — which makes results bit-identical to the oracle, not just close.

import { PyError } from '../../../errors';
import type { DType } from '../../dtype';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { scalarToNumber, type Scalar } from '../../scalar';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { castInto } from '../copy';
import { expand } from '../views';
import { gemmAny } from './kernels/gemm';
import { gpuForWork } from '../../webgpu/active';
import { gpuMatmul } from '../../webgpu/kernels/matmul';
import type { Accumulate } from './kernels/operand';
import { colRef, cppTypeName, matRef, notImplementedFor, roundHalf, rowRef } from './layout';

export interface AddOptions {
  beta?: Scalar;
  alpha?: Scalar;
}

function checkSameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype)
    throw new PyError('RuntimeError', `expected m1 and m2 to have the same dtype, but got: ${cppTypeName(a.dtype)} != ${cppTypeName(b.dtype)}`);
}

function checkGemmDtype(kernel: string, d: DType): void {
  if (d === 'bool') throw notImplementedFor(kernel, d);
}

/**
 * Which reference-BLAS case PyTorch's addmm_impl_cpu_ reaches for out (m×n, fresh row-major)
 * = mat1 (m×k) · mat2 (k×n): the addend is added last when BLAS's A operand is transposed.
 */
function blasOrder(m1: Tensor, m2: Tensor, m: number, n: number, k: number): Accumulate {
  // Result strides (n, 1): column-major only when n == 1, then BLAS A = mat1, else A = mat2.
  const transposeC = n !== 1;
  const a = transposeC ? m2 : m1;
  const lead = transposeC ? n : m; // BLAS m
  const [s0, s1] = transposeC ? [a.strides[1], a.strides[0]] : [a.strides[0], a.strides[1]];
  if (s0 === 1 && s1 >= Math.max(1, lead)) return 'first';
  if (s1 === 1 && s0 >= Math.max(1, k)) return 'last';
  return transposeC ? 'first' : 'last'; // PyTorch clones A contiguous: transpose_a = !transpose_c
}

/** out (fresh, contiguous m×n) ← [addend] + mat1·mat2 on the kernel for its dtype. */
function gemmInto(out: Tensor, outOffset: number, m1: Tensor, m1Off: number, m2: Tensor, m2Off: number, mode: Accumulate, alpha: number, beta: number): void {
  const [m, k] = m1.shape.slice(-2);
  const n = m2.shape[m2.ndim - 1];
  gemmAny(out.dtype, m, n, k, matRef(m1, m1Off), matRef(m2, m2Off), { data: out.storage.data, off: outOffset, rs: n, cs: 1 }, { accumulate: mode, alpha, beta });
}

function checkMatrix(t: Tensor, what: string): void {
  if (t.ndim !== 2) throw new PyError('RuntimeError', `${what} must be a matrix`);
}

function checkMmShapes(m1: Tensor, m2: Tensor): void {
  if (m1.shape[1] !== m2.shape[0])
    throw new PyError('RuntimeError', `mat1 and mat2 shapes cannot be multiplied (${m1.shape[0]}x${m1.shape[1]} and ${m2.shape[0]}x${m2.shape[1]})`);
}

/** torch.mm(self, mat2) — MmBackward0. */
export function mm(self: Tensor, mat2: Tensor): Tensor {
  checkMatrix(self, 'self');
  checkMatrix(mat2, 'mat2');
  checkMmShapes(self, mat2);
  checkSameDtype(self, mat2);
  checkGemmDtype('addmm_impl_cpu_', self.dtype);
  const gpu = gpuForWork(self.shape[0] * mat2.shape[1], self, mat2);
  let out = gpu === null ? null : gpuMatmul(gpu, self, mat2);
  if (out === null) {
    out = Tensor.empty([self.shape[0], mat2.shape[1]], self.dtype, self.device);
    gemmInto(out, 0, self, self.offset, mat2, mat2.offset, 'overwrite', 1, 0);
    roundHalf(out);
  }
  recordOp('MmBackward0', [self, mat2], [out])?.save(self, mat2);
  return out;
}

/** torch.addmm(input, mat1, mat2, beta=1, alpha=1) = beta·input + alpha·mat1·mat2 — AddmmBackward0. */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, opts: AddOptions = {}): Tensor {
  checkMatrix(mat1, 'mat1');
  checkMatrix(mat2, 'mat2');
  checkMmShapes(mat1, mat2);
  const [m, k] = mat1.shape;
  const n = mat2.shape[1];
  // A bias row (nn.Linear's case) is copied straight into `out` below; anything else is expanded
  // (which also raises PyTorch's broadcast error).
  const row = isBiasRow(input, mat1.dtype, n);
  const addend = row ? input : expand(input, [m, n]);
  if (mat1.dtype !== mat2.dtype)
    throw new PyError('RuntimeError', `mat1 and mat2 must have the same dtype, but got ${scalarTypeName(mat1.dtype)} and ${scalarTypeName(mat2.dtype)}`);
  if (input.dtype !== mat1.dtype)
    throw new PyError('RuntimeError', `self and mat2 must have the same dtype, but got ${scalarTypeName(input.dtype)} and ${scalarTypeName(mat2.dtype)}`);
  checkGemmDtype('addmm_impl_cpu_', mat1.dtype);
  const beta = scalarToNumber(opts.beta ?? 1);
  const alpha = scalarToNumber(opts.alpha ?? 1);
  // nn.Linear's case on the webgpu device: the bias enters the GPU kernel's epilogue
  const gpu = beta === 1 && alpha === 1 && input.ndim === 1 ? gpuForWork(m * n, mat1, mat2, input) : null;
  let out = gpu === null ? null : gpuMatmul(gpu, mat1, mat2, { bias: input });
  if (out === null) {
    out = Tensor.empty([m, n], mat1.dtype, mat1.device);
    if (beta !== 0) {
      if (row) fillRows(out, input, m, n);
      else castInto(out, addend);
    }
    // beta = 0 ignores input (even NaN) but alpha still scales the product, in BLAS's order.
    gemmInto(out, 0, mat1, mat1.offset, mat2, mat2.offset, beta === 0 && alpha === 1 ? 'overwrite' : blasOrder(mat1, mat2, m, n, k), alpha, beta);
    roundHalf(out);
  }
  const node = recordOp('AddmmBackward0', [input, mat1, mat2], [out]);
  if (node) {
    node.save(mat1, mat2);
    node.ctx = { alpha, beta, inputShape: input.shape.slice() };
  }
  return out;
}

/** A CPU float addend that is one row of n values (1-d, or [1, n]) with unit stride, same dtype:
 * the small-linear fast path (skips the strided copy kernel's dispatch, which dominates at
 * nn.Linear(4, 4) sizes). */
function isBiasRow(t: Tensor, dtype: DType, n: number): boolean {
  if (t.dtype !== dtype || t.device !== 'cpu' || (dtype !== 'float32' && dtype !== 'float64')) return false;
  if (t.ndim === 1) return t.shape[0] === n && (n === 1 || t.strides[0] === 1);
  return t.ndim === 2 && t.shape[0] === 1 && t.shape[1] === n && (n === 1 || t.strides[1] === 1);
}

/** out[i, :] = row for every i (an exact copy: same dtype). */
function fillRows(out: Tensor, row: Tensor, m: number, n: number): void {
  const src = row.storage.data as Float32Array | Float64Array;
  const dst = out.storage.data as Float32Array | Float64Array;
  const off = row.offset;
  if (m === 1 || n > 16) for (let i = 0; i < m; i++) dst.set(src.subarray(off, off + n), i * n);
  else for (let i = 0, o = 0; i < m; i++) for (let j = 0; j < n; j++) dst[o++] = src[off + j];
}

/** torch.mv(mat, vec) — MvBackward0. */
export function mv(mat: Tensor, vec: Tensor): Tensor {
  return addmvImpl(null, mat, vec, 1, 1, 'MvBackward0');
}

/** torch.addmv(input, mat, vec, beta=1, alpha=1) — AddmvBackward0. */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, opts: AddOptions = {}): Tensor {
  return addmvImpl(input, mat, vec, scalarToNumber(opts.beta ?? 1), scalarToNumber(opts.alpha ?? 1), 'AddmvBackward0');
}

function addmvImpl(input: Tensor | null, mat: Tensor, vec: Tensor, beta: number, alpha: number, grad: string): Tensor {
  if (mat.ndim !== 2 || vec.ndim !== 1 || (input !== null && input.ndim > 1))
    throw new PyError('RuntimeError', `vector + matrix @ vector expected, got ${input?.ndim ?? 1}, ${mat.ndim}, ${vec.ndim}`);
  const [n, k] = mat.shape;
  const inputSize = input === null ? n : input.ndim === 0 ? 1 : input.shape[0];
  if (mat.shape[1] !== vec.shape[0] || (input !== null && inputSize !== n && inputSize !== 1))
    throw new PyError('RuntimeError', `size mismatch, got input (${inputSize}), mat (${n}x${k}), vec (${vec.shape[0]})`);
  if (mat.dtype !== vec.dtype)
    throw new PyError('RuntimeError', `expected scalar type ${scalarTypeName(mat.dtype)} but found ${scalarTypeName(vec.dtype)}`);
  checkGemmDtype('addmv_impl_cpu', mat.dtype);
  const out = Tensor.empty([n], mat.dtype, mat.device);
  // Reference sgemv: y = beta·y first, then either y += alpha·x_j·A[:, j] (mat column-major) or
  // y += alpha·(Σ A[i, j]·x_i) (mat row-major, PyTorch's 't' case).
  let mode: Accumulate = 'overwrite';
  if (input !== null && (beta !== 0 || alpha !== 1)) {
    if (beta !== 0) castInto(out, expand(input, [n]));
    mode = mat.strides[0] === 1 && mat.strides[1] >= Math.max(1, n) ? 'first' : 'last';
  }
  gemmAny(out.dtype, n, 1, k, matRef(mat), colRef(vec), { data: out.storage.data, off: 0, rs: 1, cs: 1 }, { accumulate: mode, alpha, beta });
  roundHalf(out);
  const node = recordOp(grad, input === null ? [mat, vec] : [input, mat, vec], [out])?.save(mat, vec);
  if (node) Object.assign(node.ctx, { alpha, beta });
  return out;
}

/** torch.dot(self, other) — DotBackward0. */
export function dot(self: Tensor, other: Tensor): Tensor {
  return dotImpl(self, other, 'DotBackward0');
}

/** torch.vdot(self, other): dot with the first argument conjugated — for real tensors the same
 * value, but its own node (VdotBackward0; spectral_norm's sigma). */
export function vdot(self: Tensor, other: Tensor): Tensor {
  return dotImpl(self, other, 'VdotBackward0');
}

function dotImpl(self: Tensor, other: Tensor, grad: string): Tensor {
  if (self.ndim !== 1 || other.ndim !== 1)
    throw new PyError('RuntimeError', `1D tensors expected, but got ${self.ndim}D and ${other.ndim}D tensors`);
  if (self.dtype !== other.dtype)
    throw new PyError('RuntimeError', `dot : expected both vectors to have same dtype, but found ${scalarTypeName(self.dtype)} and ${scalarTypeName(other.dtype)}`);
  if (self.shape[0] !== other.shape[0])
    throw new PyError(
      'RuntimeError',
      `inconsistent tensor size, expected tensor [${self.shape[0]}] and src [${other.shape[0]}] to have the same number of elements, but got ${self.shape[0]} and ${other.shape[0]} elements respectively`,
    );
  checkGemmDtype('dot', self.dtype);
  const out = Tensor.empty([], self.dtype, self.device);
  gemmAny(out.dtype, 1, 1, self.shape[0], rowRef(self), colRef(other), { data: out.storage.data, off: 0, rs: 1, cs: 1 });
  roundHalf(out);
  recordOp(grad, [self, other], [out])?.save(self, other);
  return out;
}

function checkBatch(b1: Tensor, b2: Tensor): void {
  if (b1.ndim !== 3) throw new PyError('RuntimeError', 'batch1 must be a 3D tensor');
  if (b2.ndim !== 3) throw new PyError('RuntimeError', 'batch2 must be a 3D tensor');
  const [bs, , k] = b1.shape;
  if (b2.shape[0] !== bs || b2.shape[1] !== k)
    throw new PyError(
      'RuntimeError',
      `Expected size for first two dimensions of batch2 tensor to be: ${shapeList([bs, k])} but got: ${shapeList(b2.shape.slice(0, 2))}.`,
    );
}

/** torch.bmm(self, mat2) — BmmBackward0. */
export function bmm(self: Tensor, mat2: Tensor): Tensor {
  return baddbmmImpl(null, self, mat2, 0, 1, 'BmmBackward0');
}

/** torch.baddbmm(input, batch1, batch2, beta=1, alpha=1) — BaddbmmBackward0. */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, opts: AddOptions = {}): Tensor {
  return baddbmmImpl(input, batch1, batch2, scalarToNumber(opts.beta ?? 1), scalarToNumber(opts.alpha ?? 1), 'BaddbmmBackward0');
}

/** PyTorch runs its own loop (sum first, addend last) below this many result·k elements, and
 * per-batch BLAS above (aten/src/ATen/native/LinearAlgebra.cpp, bmm_out_or_baddbmm_). */
const SMALL_BMM = 400;

function baddbmmImpl(input: Tensor | null, b1: Tensor, b2: Tensor, beta: number, alpha: number, grad: string): Tensor {
  checkBatch(b1, b2);
  const [bs, m, k] = b1.shape;
  const n = b2.shape[2];
  const addend = input === null ? null : expand(input, [bs, m, n]);
  if (b1.dtype !== b2.dtype) throw new PyError('RuntimeError', `expected scalar type ${scalarTypeName(b1.dtype)} but found ${scalarTypeName(b2.dtype)}`);
  checkGemmDtype(input === null ? 'bmm' : 'baddbmm', b1.dtype);
  const gpu = input === null ? gpuForWork(bs * m * n, b1, b2) : null;
  const onGpu = gpu === null ? null : gpuMatmul(gpu, b1, b2);
  if (onGpu !== null) {
    const node = recordOp(grad, [b1, b2], [onGpu])?.save(b1, b2);
    if (node) Object.assign(node.ctx, { alpha, beta });
    return onGpu;
  }
  const out = Tensor.empty([bs, m, n], b1.dtype, b1.device);
  let mode: Accumulate = 'overwrite';
  if (addend !== null && (beta !== 0 || alpha !== 1)) {
    if (beta !== 0) castInto(out, addend);
    mode = m * n * k < SMALL_BMM ? 'last' : blasOrder(b1.makeView([m, k], b1.strides.slice(1), 0), b2.makeView([k, n], b2.strides.slice(1), 0), m, n, k);
  }
  for (let p = 0; p < bs; p++)
    gemmInto(out, p * m * n, b1, b1.offset + p * b1.strides[0], b2, b2.offset + p * b2.strides[0], mode, alpha, beta);
  roundHalf(out);
  const node = recordOp(grad, input === null ? [b1, b2] : [input, b1, b2], [out])?.save(b1, b2);
  if (node) Object.assign(node.ctx, { alpha, beta });
  return out;
}
